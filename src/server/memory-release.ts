/**
 * Gives memory back to the system once a busy server goes quiet.
 *
 * V8 keeps the heap pages a collection frees, to reuse them: Node 24's keeps them until memory runs
 * short, so after a flood of requests RSS stays at its peak although the live heap is back to its
 * usual size (`npm run bench:soak`: 180 MB held with 50 MB live). When the server has answered at
 * least `busyRequests` since the last release and then a whole window passes with fewer than
 * `quietRequests`, this runs V8's last-resort collection, the one V8 itself runs before it gives up
 * on memory, which also returns the pooled pages. It costs one full collection (tens of
 * milliseconds) at a moment when almost nobody is waiting, once per busy period.
 *
 * It needs `gc`, which Node exposes with `--expose-gc` (the image's CMD passes it); without it,
 * nothing runs.
 */

/** When a release runs; published in README "Operations". */
export const MEMORY_RELEASE = {
  /** Length of one observation window. */
  windowMs: 10_000,
  /** Requests since the last release that make a period busy. */
  busyRequests: 1_000,
  /** Fewer requests than this in a window is quiet (health checks and scrapes still come). */
  quietRequests: 20,
} as const;

export type MemoryReleaseOptions = { readonly [K in keyof typeof MEMORY_RELEASE]: number };

/** What one release did, for the log and the metrics. */
export interface Released {
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly ms: number;
}

type Collect = () => void;

/** V8's last-resort collection through Node's exposed `gc`, or null when Node was started without it. */
export function exposedCollector(): Collect | null {
  const gc = (globalThis as { gc?: (options?: object) => unknown }).gc;
  if (typeof gc !== 'function') return null;
  return () => void gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

const mb = (bytes: number): number => Math.round(bytes / 104_857.6) / 10;

export class MemoryRelease {
  private sinceRelease = 0;
  private inWindow = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly collect: Collect,
    private readonly onRelease: (released: Released) => void,
    private readonly options: MemoryReleaseOptions = MEMORY_RELEASE,
  ) {}

  /** One answered request. */
  count(): void {
    this.sinceRelease++;
    this.inWindow++;
  }

  /** The end of a window: releases when a busy period has just gone quiet. */
  endWindow(): Released | null {
    const quiet = this.inWindow < this.options.quietRequests;
    this.inWindow = 0;
    if (!quiet || this.sinceRelease < this.options.busyRequests) return null;
    this.sinceRelease = 0;
    const rssBefore = process.memoryUsage.rss();
    const started = performance.now();
    this.collect();
    const released = {
      rssBeforeMb: mb(rssBefore),
      rssAfterMb: mb(process.memoryUsage.rss()),
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    this.onRelease(released);
    return released;
  }

  start(): void {
    this.timer ??= setInterval(() => this.endWindow(), this.options.windowMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
