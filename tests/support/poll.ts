/** How long {@link eventually} waits, how often it looks, and what it says when it gives up. */
export interface PollOptions {
  /** Give up after this long; 10 s by default. */
  readonly ms?: number;
  /** The pause between two looks; 20 ms by default. */
  readonly everyMs?: number;
  /** What was awaited, for the error when a boolean check never held. */
  readonly what?: string | (() => string);
}

/**
 * The tests' one way to wait for what happens on its own time (a reload, a signal, a replica):
 * calls `check` until it passes, that is until it returns without throwing and does not return
 * `false`, and resolves with what it returned. After `ms` it rejects with the check's last error,
 * or, for a boolean check, with "timed out waiting for <what>". A bare number is `ms`.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: number | PollOptions = {},
): Promise<Exclude<T, false>> {
  const {
    ms = 10_000,
    everyMs = 20,
    what = 'the condition',
  } = typeof options === 'number' ? { ms: options } : options;
  const deadline = Date.now() + ms;
  for (;;) {
    let failure: unknown;
    try {
      const result = await check();
      if (result !== false) return result as Exclude<T, false>;
      failure = new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) throw failure;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
