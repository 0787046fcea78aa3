import pino, { type Logger } from 'pino';
import type { Config } from './config';

type Destination = ReturnType<typeof pino.destination>;

let destination: Destination | null = null;
/** A write to stdout failed: whatever is still queued will never get out, so nothing waits for it. */
let failed = false;
/** dropLogs ran: the destination is destroyed, and a line written to it now would throw. */
let dropped = false;

/** The longest flushLogs waits for stdout to take the lines still queued. */
const FLUSH_LOGS_MS = 1000;

/**
 * JSON lines for machines; pretty lines only when LOG_PRETTY asks (npm run dev). Writes are
 * asynchronous so an access line per request does not put a write() on every request's path;
 * under load, lines written while one write is pending go out together. When stdout goes away (its
 * reader exited: EPIPE) or fails otherwise, lines are dropped: a dead log collector must neither
 * crash the server nor hold up its shutdown.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logPretty'>): Logger {
  if (config.logPretty) {
    return pino({
      level: config.logLevel,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } },
    });
  }
  const out = pino.destination({ dest: 1, sync: false });
  failed = false;
  dropped = false;
  // pino itself stops writing after EPIPE; without a listener any other write error would be thrown
  out.on('error', () => (failed = true));
  destination = out;
  // once dropLogs has destroyed the destination, a late line is dropped instead of thrown
  const stdout = {
    write(line: string): void {
      if (!dropped) out.write(line);
    },
  };
  return pino({ level: config.logLevel, base: { service: 'career-framework-api' } }, stdout);
}

/**
 * Gives stdout up to `ms` to take what asynchronous logging still holds, then drops the rest; await
 * it before process.exit. Never blocks on a dead or stalled reader: sonic-boom's flushSync, which
 * pino also runs on exit, retries a failed write forever with the event loop blocked.
 */
export async function flushLogs(ms = FLUSH_LOGS_MS): Promise<void> {
  const out = destination;
  if (out && !failed && !dropped) await drained(out, ms);
  dropLogs();
}

/** Drops what asynchronous logging still holds, so that exiting writes nothing more; for an exit that cannot wait. */
export function dropLogs(): void {
  if (dropped) return;
  dropped = true;
  try {
    // a destroyed destination is one pino's exit hook leaves alone
    destination?.destroy();
  } catch {
    // already closed: nothing to drop
  }
}

/** Resolves when everything queued has been written, a write failed, or `ms` have passed. */
function drained(out: Destination, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      out.off('drain', done);
      out.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    out.on('drain', done);
    out.on('error', done);
    // an empty write queues behind whatever is pending, and its completion emits 'drain'
    out.write('');
  });
}
