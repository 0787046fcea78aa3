import type { Framework } from '../domain/framework';
import { fingerprint } from '../content/snapshot';
import { loadStable, type ReloadOutcome } from '../content/stable-load';
import { ContentWatcher, type ContentWatcherOptions } from '../content/watcher';

export type { ReloadOutcome } from '../content/stable-load';

/** CONTENT_SETTLE_MS's default, for stores opened without a configuration (tests, benchmarks). */
const DEFAULT_SETTLE_MS = 1000;
/** How often the watcher compares the folder with the last load, for changes the platform did not report. */
const POLL_MS = 2_000;

export interface ContentStoreEvents {
  onReload?: (outcome: ReloadOutcome, reason: string) => void;
}

/** How the store waits for the content folder to be still. */
export interface ContentStoreOptions {
  /** Quiet time before a watched change is read, and before a load that lost content is served (CONTENT_SETTLE_MS). */
  readonly settleMs?: number;
}

/**
 * Holds the Framework being served and swaps in a new one atomically: a request takes its view of
 * it once (src/server/caller-view.ts) and answers from that object, so no answer mixes two versions.
 * Only a load of a stable snapshot is swapped in: the files' fingerprint must be the same before and
 * after the read (else the store waits for quiet and reads again), and a level that lost whole
 * competencies or items is served only if it still looks that way after one more quiet period.
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
    private readonly settleMs: number,
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
    { settleMs = DEFAULT_SETTLE_MS }: ContentStoreOptions = {},
  ): Promise<
    { ok: true; store: ContentStore; outcome: ReloadOutcome } | { ok: false; outcome: ReloadOutcome }
  > {
    const { outcome, last, fingerprint: seen } = await loadStable(dir, null, settleMs);
    const result = outcome.ok || !outcome.unstable ? outcome : last;
    if (!result.ok) return { ok: false, outcome: result };
    const store = new ContentStore(dir, result.framework, seen, events, settleMs);
    return { ok: true, store, outcome: result };
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
          const loaded = await loadStable(this.dir, this.framework, this.settleMs);
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
      { settleMs: this.settleMs, pollMs: POLL_MS, ...options },
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
