import pino, { type Logger } from 'pino';
import type { Config } from './config';

let destination: ReturnType<typeof pino.destination> | null = null;

/**
 * JSON lines for machines; pretty lines only when LOG_PRETTY asks (npm run dev). Writes are
 * asynchronous so an access line per request does not put a write() on every request's path;
 * under load, lines written while one write is pending go out together.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logPretty'>): Logger {
  if (config.logPretty) {
    return pino({
      level: config.logLevel,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } },
    });
  }
  destination = pino.destination({ dest: 1, sync: false });
  return pino({ level: config.logLevel, base: { service: 'career-framework-api' } }, destination);
}

/** Writes out what asynchronous logging still holds; call before process.exit. */
export function flushLogs(): void {
  try {
    destination?.flushSync();
  } catch {
    // nothing left to flush, or stdout is gone: exiting anyway
  }
}
