/**
 * The load generator, in a process of its own so that its CPU is not the server's: autocannon,
 * driven by one JSON job per line on stdin, answering one JSON result per line on stdout.
 *
 * Latency is recorded here in microseconds from autocannon's per-response timings (autocannon's own
 * histogram keeps whole milliseconds, too coarse for sub-millisecond answers). Only 2xx responses
 * count as requests; anything else is reported as non2xx. Only loopback URLs are accepted.
 */
import { createHistogram } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

/** One bounded run of load against one URL. */
export interface LoadJob {
  readonly id: number;
  readonly url: string;
  readonly connections: number;
  readonly durationSec: number;
  /** The POST body of every request ("repeated"). */
  readonly body: string;
  /** When set, every request's body is `before + tag-<n> + after` instead, n counting up ("unique"). */
  readonly unique?: { readonly before: string; readonly tag: string; readonly after: string };
}

export type LoadResult =
  | {
      readonly id: number;
      readonly ok: true;
      readonly requests: number;
      readonly rps: number;
      readonly meanMs: number;
      readonly p50Ms: number;
      readonly p90Ms: number;
      readonly p99Ms: number;
      readonly maxMs: number;
      readonly non2xx: number;
      readonly errors: number;
      readonly timeouts: number;
      readonly bytes: number;
      readonly elapsedSec: number;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

// autocannon ships no types; this is the part of its API used here.
interface AutocannonRequest {
  method?: string;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  method: string;
  headers: Record<string, string>;
  body?: string;
  requests?: AutocannonRequest[];
}
interface AutocannonSummary {
  errors: number;
  timeouts: number;
}
interface AutocannonInstance {
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void,
  ): void;
}
type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, summary: AutocannonSummary) => void,
) => AutocannonInstance;

const autocannon = require('autocannon') as Autocannon;

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d{1,5}\//;

function check(job: LoadJob): void {
  if (!LOOPBACK.test(job.url)) throw new Error(`only http://127.0.0.1 URLs are allowed, got ${job.url}`);
  if (!(job.connections >= 1 && job.connections <= 200)) throw new Error('connections must be 1-200');
  if (!(job.durationSec > 0 && job.durationSec <= 300)) throw new Error('durationSec must be in (0, 300]');
}

function runJob(job: LoadJob): Promise<LoadResult> {
  check(job);
  const histogram = createHistogram({ lowest: 1, highest: 120_000_000, figures: 3 });
  let requests = 0;
  let non2xx = 0;
  let bytes = 0;
  let n = 0;
  const unique = job.unique;
  const options: AutocannonOptions = {
    url: job.url,
    connections: job.connections,
    duration: job.durationSec,
    timeout: 10,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  };
  if (unique) {
    options.requests = [
      {
        method: 'POST',
        setupRequest: (request) => {
          request.body = `${unique.before}${unique.tag}-${(n++).toString(36)}${unique.after}`;
          return request;
        },
      },
    ];
  } else {
    options.body = job.body;
  }
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const instance = autocannon(options, (error, summary) => {
      const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;
      if (error) {
        resolve({ id: job.id, ok: false, error: error.message });
        return;
      }
      const ms = (us: number): number => Math.round(us) / 1000;
      resolve({
        id: job.id,
        ok: true,
        requests,
        rps: requests / elapsedSec,
        meanMs: requests > 0 ? ms(histogram.mean) : 0,
        p50Ms: requests > 0 ? ms(histogram.percentile(50)) : 0,
        p90Ms: requests > 0 ? ms(histogram.percentile(90)) : 0,
        p99Ms: requests > 0 ? ms(histogram.percentile(99)) : 0,
        maxMs: requests > 0 ? ms(histogram.max) : 0,
        non2xx,
        errors: summary.errors,
        timeouts: summary.timeouts,
        bytes,
        elapsedSec,
      });
    });
    instance.on('response', (_client, statusCode, size, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) {
        requests++;
        bytes += size;
        histogram.record(Math.max(1, Math.round(responseTimeMs * 1000)));
      } else {
        non2xx++;
      }
    });
  });
}

// Jobs run one at a time, in the order they arrive.
let queue: Promise<void> = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  queue = queue.then(async () => {
    let id = -1;
    try {
      const job = JSON.parse(line) as LoadJob;
      id = job.id;
      process.stdout.write(`${JSON.stringify(await runJob(job))}\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(`${JSON.stringify({ id, ok: false, error: message })}\n`);
    }
  });
});
// the orchestrator closing stdin (or dying) ends the worker once the current job is done
lines.on('close', () => void queue.then(() => process.exit(0)));
