import { watch, type FSWatcher } from 'node:fs';
import { loadContent } from '../content/load';
import type { ContentProblem } from '../content/problem';
import type { Framework } from '../domain/framework';

/** The outcome of one load attempt, as operators see it in logs and metrics. */
export type ReloadOutcome =
  | { ok: true; framework: Framework; warnings: ContentProblem[]; durationMs: number }
  | { ok: false; problems: ContentProblem[]; durationMs: number };

export interface ContentStoreEvents {
  onReload?: (outcome: ReloadOutcome, reason: string) => void;
}

/**
 * Holds the Framework being served and swaps in a new one atomically: a request takes
 * `current` once and answers from that object, so no answer mixes two versions.
 * A load that fails keeps the last good Framework.
 */
export class ContentStore {
  private framework: Framework;
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private reloading: Promise<ReloadOutcome> | null = null;
  private again = false;
  private readonly swapListeners = new Set<(framework: Framework) => void>();

  private constructor(
    readonly dir: string,
    initial: Framework,
    private readonly events: ContentStoreEvents,
  ) {
    this.framework = initial;
  }

  /** Loads the directory once; resolves to the store or to the problems that refused the load. */
  static async open(
    dir: string,
    events: ContentStoreEvents = {},
  ): Promise<
    { ok: true; store: ContentStore; outcome: ReloadOutcome } | { ok: false; outcome: ReloadOutcome }
  > {
    const outcome = await timedLoad(dir);
    if (!outcome.ok) return { ok: false, outcome };
    return { ok: true, store: new ContentStore(dir, outcome.framework, events), outcome };
  }

  get current(): Framework {
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
      do {
        this.again = false;
        outcome = await timedLoad(this.dir);
        if (outcome.ok) {
          this.framework = outcome.framework;
          for (const listener of this.swapListeners) listener(outcome.framework);
        }
        this.events.onReload?.(outcome, reason);
      } while (this.again);
      this.reloading = null;
      return outcome;
    })();
    return this.reloading;
  }

  /** Reloads after any change under the directory, debounced so an editor's burst of writes is one load. */
  watch(debounceMs = 150): void {
    if (this.watcher) return;
    this.watcher = watch(this.dir, { recursive: true, persistent: false }, () => {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.reload('file change'), debounceMs);
    });
    this.watcher.on('error', () => {
      // the directory may be replaced wholesale (a ConfigMap update): keep serving, try to watch again
      this.unwatch();
      setTimeout(() => this.watch(debounceMs), 1000).unref();
    });
  }

  unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
  }
}

async function timedLoad(dir: string): Promise<ReloadOutcome> {
  const started = performance.now();
  const result = await loadContent(dir);
  const durationMs = performance.now() - started;
  return result.ok
    ? { ok: true, framework: result.framework, warnings: result.problems, durationMs }
    : { ok: false, problems: result.problems, durationMs };
}
