import { loadContent } from '../content/load';
import type { ContentProblem } from '../content/problem';
import type { Framework } from '../domain/framework';
import { findShrinks, type Shrink } from './content-shrink';
import { fingerprint, settle } from '../content/snapshot';
import { ContentWatcher, type ContentWatcherOptions } from '../content/watcher';

// Constants until config.ts grows settings for them.
/** Quiet time after the last change before a load, and the wait before serving a level that shrank. */
export const SETTLE_MS = 500;
/** A load retried this many times because files kept changing under it gives up until the next change. */
const MAX_ATTEMPTS = 5;
/** The longest a single wait for quiet lasts, so a folder that never stops changing cannot hang a reload. */
const MAX_SETTLE_MS = 10_000;
/** How often the watcher compares the folder with the last load, for changes the platform did not report. */
const POLL_MS = 2_000;

/** The outcome of one load attempt, as operators see it in logs and metrics. */
export type ReloadOutcome =
  | {
      ok: true;
      framework: Framework;
      warnings: ContentProblem[];
      durationMs: number;
      /** Levels that lost most of their content compared with the version served before; served anyway. */
      shrinks: readonly Shrink[];
    }
  | {
      ok: false;
      problems: ContentProblem[];
      durationMs: number;
      /** The files kept changing while they were read, on every attempt; nothing was wrong with them. */
      unstable?: boolean;
    };

export interface ContentStoreEvents {
  onReload?: (outcome: ReloadOutcome, reason: string) => void;
}

/**
 * Holds the Framework being served and swaps in a new one atomically: a request takes its view of
 * it once (src/server/caller-view.ts) and answers from that object, so no answer mixes two versions.
 * Only a load of a stable snapshot is swapped in: the files' fingerprint must be the same before and
 * after the read (else the store waits for quiet and reads again), and a level that lost most of its
 * content is served only if it still looks that way after one more quiet period.
 * A load that fails keeps the last good Framework.
 */
export class ContentStore {
  private framework: Framework;
  private watcher: ContentWatcher | null = null;
  private watching: Promise<void> = Promise.resolve();
  private reloading: Promise<ReloadOutcome> | null = null;
  private again = false;
  /** The folder as the last load (good or not) saw it, so unchanged files are not loaded again. */
  private loadedFingerprint: string;
  private readonly swapListeners = new Set<(framework: Framework) => void>();

  private constructor(
    readonly dir: string,
    initial: Framework,
    initialFingerprint: string,
    private readonly events: ContentStoreEvents,
  ) {
    this.framework = initial;
    this.loadedFingerprint = initialFingerprint;
  }

  /**
   * Loads the directory once; resolves to the store or to the problems that refused the load. If the
   * files never stay still, the last read decides, since there is nothing older to keep serving.
   */
  static async open(
    dir: string,
    events: ContentStoreEvents = {},
  ): Promise<
    { ok: true; store: ContentStore; outcome: ReloadOutcome } | { ok: false; outcome: ReloadOutcome }
  > {
    const { outcome, last, fingerprint: seen } = await loadStable(dir, null);
    const result = outcome.ok || !outcome.unstable ? outcome : last;
    if (!result.ok) return { ok: false, outcome: result };
    return { ok: true, store: new ContentStore(dir, result.framework, seen, events), outcome: result };
  }

  /**
   * Everything loaded, drafts included, whoever asks. Callers' answers read src/server/caller-view.ts
   * instead, which decides what each caller may see; this is for that module, reloads and start-up.
   */
  get unfiltered(): Framework {
    return this.framework;
  }

  /** Calls `listener` each time new content is swapped in; returns the way to stop. */
  onSwap(listener: (framework: Framework) => void): () => void {
    this.swapListeners.add(listener);
    return () => this.swapListeners.delete(listener);
  }

  /** Loads again; concurrent calls share one load, and a call during a load queues one more. */
  reload(reason: string): Promise<ReloadOutcome> {
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      let outcome: ReloadOutcome;
      try {
        do {
          this.again = false;
          const loaded = await loadStable(this.dir, this.framework);
          outcome = loaded.outcome;
          this.loadedFingerprint = loaded.fingerprint;
          if (outcome.ok) {
            this.framework = outcome.framework;
            for (const listener of this.swapListeners) listener(outcome.framework);
          }
          this.events.onReload?.(outcome, reason);
          // a call that came during the load needs another only if the files moved since
        } while (this.again && (await fingerprint(this.dir)) !== this.loadedFingerprint);
      } finally {
        this.reloading = null;
      }
      return outcome;
    })();
    return this.reloading;
  }

  /**
   * Reloads after changes under the directory once they have settled (see ContentWatcher). Resolves
   * when the watcher has scanned the folder; edits made before that are still picked up.
   */
  watch(options: Partial<ContentWatcherOptions> = {}): Promise<void> {
    if (this.watcher) return this.watching;
    this.watcher = new ContentWatcher(
      this.dir,
      () => void this.reloadIfChanged('file change'),
      () => this.loadedFingerprint,
      { settleMs: SETTLE_MS, pollMs: POLL_MS, ...options },
    );
    this.watching = this.watcher.start();
    return this.watching;
  }

  unwatch(): void {
    void this.watcher?.close();
    this.watcher = null;
    this.watching = Promise.resolve();
  }

  /** A reload, unless the files are exactly as last loaded (an editor's swap file, a ConfigMap's clean-up). */
  private async reloadIfChanged(reason: string): Promise<void> {
    if (this.reloading) {
      this.again = true;
      return;
    }
    if ((await fingerprint(this.dir)) === this.loadedFingerprint) return;
    await this.reload(reason);
  }
}

interface StableLoad {
  /** What to serve or report. */
  readonly outcome: ReloadOutcome;
  /** The last load attempted, whatever came of it; at start-up it stands in for an unstable outcome. */
  readonly last: ReloadOutcome;
  /** The files as the outcome saw them; '' when no read was stable. */
  readonly fingerprint: string;
}

/**
 * Loads a snapshot that did not move while it was read: fingerprints every file before and after,
 * and on a difference waits for the writes to settle and reads again, at most MAX_ATTEMPTS times.
 * A level that lost most of its content against `served` (a file caught half-written, deleted to be
 * recreated, a folder moved away for a moment) is accepted only if one more quiet period shows no
 * further change.
 */
async function loadStable(dir: string, served: Framework | null): Promise<StableLoad> {
  let before = await fingerprint(dir);
  let last: ReloadOutcome | null = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const outcome = await timedLoad(dir);
    last = outcome;
    const after = await fingerprint(dir);
    if (after === before) {
      const shrinks = outcome.ok && served ? findShrinks(served, outcome.framework) : [];
      if (shrinks.length === 0) return { outcome, last, fingerprint: after };
      const later = await settle(dir, { quietMs: SETTLE_MS, maxMs: MAX_SETTLE_MS });
      if (later.fingerprint === after && outcome.ok) {
        return { outcome: { ...outcome, shrinks }, last, fingerprint: after };
      }
      before = later.fingerprint;
    } else {
      before = (await settle(dir, { quietMs: SETTLE_MS, maxMs: MAX_SETTLE_MS })).fingerprint;
    }
  }
  const unstable: ReloadOutcome = {
    ok: false,
    problems: [],
    durationMs: last?.durationMs ?? 0,
    unstable: true,
  };
  // no fingerprint matches '', so the watcher tries again once the folder has settled
  return { outcome: unstable, last: last ?? unstable, fingerprint: '' };
}

async function timedLoad(dir: string): Promise<ReloadOutcome> {
  const started = performance.now();
  const result = await loadContent(dir);
  const durationMs = performance.now() - started;
  return result.ok
    ? { ok: true, framework: result.framework, warnings: result.problems, durationMs, shrinks: [] }
    : { ok: false, problems: result.problems, durationMs };
}
