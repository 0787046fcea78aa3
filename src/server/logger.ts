import pino, { type Logger } from 'pino';
import type { Config } from './config';

/** JSON lines for machines; pretty lines only when LOG_PRETTY asks (npm run dev). */
export function createLogger(config: Pick<Config, 'logLevel' | 'logPretty'>): Logger {
  if (config.logPretty) {
    return pino({
      level: config.logLevel,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } },
    });
  }
  return pino({ level: config.logLevel, base: { service: 'career-framework-api' } });
}
