/**
 * One flood: a fixed number of requests at a fixed concurrency, each with its own body, through
 * autocannon (`amount`, not a duration, so every run sends the same requests). It runs in the soak's
 * own process: what is measured here is the server's memory, in another process, not its CPU.
 */
import { createHistogram } from 'node:perf_hooks';

/** What one flood did; only 2xx answers count as requests. */
export interface FloodNumbers {
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly elapsedSec: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Response bytes received, headers included. */
  readonly bytes: number;
  /** True when the flood hit its time bound before sending every request. */
  readonly stoppedEarly: boolean;
}

// autocannon ships no types; this is the part of its API used here.
interface Request {
  method?: string;
  body?: string;
  setupRequest?: (request: Request) => Request;
}
interface Instance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, summary: { errors: number; timeouts: number }) => void,
) => Instance;

const autocannon = require('autocannon') as Autocannon;

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d{1,5}\//;

/** Sends `amount` POSTs with `bodyOf(n)` over `connections` keep-alive connections. */
export function flood(job: {
  url: string;
  connections: number;
  amount: number;
  /** The flood stops here even if requests remain. */
  maxSec: number;
  bodyOf: (n: number) => string;
  /** Called for every answer, for the sampler's requests per second. */
  onAnswer: () => void;
}): Promise<FloodNumbers> {
  if (!LOOPBACK.test(job.url)) throw new Error(`only http://127.0.0.1 URLs are allowed, got ${job.url}`);
  const histogram = createHistogram({ lowest: 1, highest: 120_000_000, figures: 3 });
  let requests = 0;
  let non2xx = 0;
  let bytes = 0;
  let n = 0;
  let stoppedEarly = false;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        amount: job.amount,
        timeout: 10,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            setupRequest: (request: Request) => {
              request.body = job.bodyOf(n++);
              return request;
            },
          },
        ],
      },
      (error, summary) => {
        clearTimeout(bound);
        if (error) return reject(error);
        const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;
        const ms = (us: number): number => (requests > 0 ? Math.round(us) / 1000 : 0);
        resolve({
          requests,
          non2xx,
          errors: summary.errors,
          timeouts: summary.timeouts,
          elapsedSec: Math.round(elapsedSec * 10) / 10,
          rps: Math.round(requests / elapsedSec),
          p50Ms: ms(histogram.percentile(50)),
          p99Ms: ms(histogram.percentile(99)),
          maxMs: ms(histogram.max),
          bytes,
          stoppedEarly,
        });
      },
    );
    const bound = setTimeout(() => {
      stoppedEarly = true;
      instance.stop();
    }, job.maxSec * 1000);
    instance.on('response', (_client, status, size, responseMs) => {
      job.onAnswer();
      if (status >= 200 && status < 300) {
        requests++;
        bytes += size;
        histogram.record(Math.max(1, Math.round(responseMs * 1000)));
      } else {
        non2xx++;
      }
    });
  });
}
