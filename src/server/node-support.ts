import type { Logger } from 'pino';

/**
 * End of life of each Node major line, from the Node.js release schedule
 * (https://github.com/nodejs/release#release-schedule): even lines get about 30 months as LTS, odd
 * lines about 8 months. Lines older than the table ended long ago; newer ones are not yet scheduled.
 */
export const NODE_END_OF_LIFE: Readonly<Record<number, string>> = {
  18: '2025-04-30',
  19: '2023-06-01',
  20: '2026-04-30',
  21: '2024-06-01',
  22: '2027-04-30',
  23: '2025-06-01',
  24: '2028-04-30',
  25: '2026-06-01',
  26: '2029-04-30',
};

const OLDEST_LISTED = Math.min(...Object.keys(NODE_END_OF_LIFE).map(Number));

/** What the schedule says about one Node version on one day. */
export interface NodeSupport {
  readonly version: string;
  readonly major: number;
  /** `YYYY-MM-DD`; null for a line older than the table or not yet scheduled. */
  readonly endOfLife: string | null;
  readonly status: 'supported' | 'end-of-life' | 'unscheduled';
}

/** Where `version` (`v24.22.3` or `24.22.3`) stands on `today` (UTC). */
export function nodeSupport(version: string, today: Date): NodeSupport {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);
  const endOfLife = NODE_END_OF_LIFE[major] ?? null;
  if (endOfLife !== null) {
    const ended = today.toISOString().slice(0, 10) > endOfLife;
    return { version, major, endOfLife, status: ended ? 'end-of-life' : 'supported' };
  }
  // NaN (an unparsable version) and lines before the table are treated as long ended
  const ended = !(major > OLDEST_LISTED);
  return { version, major, endOfLife: null, status: ended ? 'end-of-life' : 'unscheduled' };
}

/** Logs a warning at start-up when the running Node no longer gets security fixes. */
export function warnIfNodeEndOfLife(
  log: Pick<Logger, 'warn'>,
  version: string = process.version,
  today: Date = new Date(),
): NodeSupport {
  const support = nodeSupport(version, today);
  if (support.status === 'end-of-life') {
    log.warn(
      { nodeVersion: version, endOfLife: support.endOfLife },
      `Node ${version} reached end of life${support.endOfLife ? ` on ${support.endOfLife}` : ''} and ` +
        'gets no more security fixes: run Node 24 LTS or later (the Docker image does)',
    );
  }
  return support;
}
