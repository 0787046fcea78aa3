/**
 * What bench/http.ts and bench/soak.ts share: the five operations and their bodies, starting a
 * server as a child process on loopback, posting to it, autocannon runs and peak RSS from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createHistogram } from 'node:perf_hooks';

export const ROOT = join(__dirname, '..');
export const RESULTS = join(ROOT, 'bench', 'results');
export const HOST = '127.0.0.1';

const SOURCE = 'source { path line }';
const ITEM = `id text position ${SOURCE} competency { id slug name } level { id code title }`;
const CHANGE = 'status from to fromPosition toPosition similarity segments { kind text }';
const SUMMARY = 'summary { added removed changed unchanged }';

/** The five operations: name, operationName and root selection (without braces). */
export const OPERATIONS = [
  { name: 'tiny', operationName: 'TrackTitles', fields: 'tracks { id name levels { id code title } }' },
  {
    name: 'level',
    operationName: 'FullLevel',
    fields:
      'level(id: "site-reliability-engineer/L3") { id code rank title summary status planningHorizon impactRadius ' +
      `evaluation responsibilityAndDirectionNeeded ${SOURCE} attributes { key label value } ` +
      'track { id name description } previous { id code title } next { id code title } ' +
      `competencies { id slug name emoji ${SOURCE} expectations { ${ITEM} } examples { ${ITEM} } } }`,
  },
  {
    name: 'matrix',
    operationName: 'SreMatrix',
    fields:
      'track(id: "site-reliability-engineer") { competencyMatrix { levels { id code title } ' +
      'rows { slug name emoji cells { id expectations { id text } examples { id text } } } } }',
  },
  {
    name: 'diff',
    operationName: 'SreDiff',
    fields:
      'diffLevels(from: "site-reliability-engineer/L2", to: "site-reliability-engineer/L3") { ' +
      'from { id title } to { id title } attributes { key label status from to } ' +
      `competencies { slug name emoji status ${SUMMARY} expectations { ${CHANGE} } examples { ${CHANGE} } } ${SUMMARY} }`,
  },
  {
    name: 'search',
    operationName: 'Search',
    fields:
      'search(query: "incident review", limit: 20) { kind id text score level { id title } competency { name } }',
  },
] as const;
export type Operation = (typeof OPERATIONS)[number];
export type Mode = 'repeated' | 'unique' | 'documents';

/** A body as the text around a tag: every request sends `before + tag + after`. */
export interface Template {
  readonly before: string;
  readonly after: string;
}

const MARK = '__BENCH_TAG__';

/**
 * repeated: the operation as it is. unique: plus `nonce: level(id: $nonce) { id }` with a new
 * $nonce each request, which answers null, so the answer keeps its size while no cache can answer.
 * documents: the nonce written into the document instead, so every request is a new document.
 */
export function templateOf(op: Operation, mode: Mode): Template {
  const { operationName, fields } = op;
  const body =
    mode === 'repeated'
      ? { query: `query ${operationName} { ${fields} }`, operationName }
      : mode === 'unique'
        ? {
            query: `query ${operationName}($nonce: ID!) { ${fields} nonce: level(id: $nonce) { id } }`,
            variables: { nonce: MARK },
            operationName,
          }
        : { query: `query ${operationName} { ${fields} nonce: level(id: "${MARK}") { id } }`, operationName };
  const text = JSON.stringify(body);
  const at = text.indexOf(MARK);
  return at < 0
    ? { before: text, after: '' }
    : { before: text.slice(0, at), after: text.slice(at + MARK.length) };
}

export const bodyOf = (op: Operation, mode: Mode, tag = 'check-0'): string => {
  const t = templateOf(op, mode);
  return mode === 'repeated' ? t.before : `${t.before}${tag}${t.after}`;
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function post(
  url: string,
  body: string,
  timeoutMs = 10_000,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, text: await response.text() };
}

/** A /proc/<pid>/status field in MB (Linux); null elsewhere. */
export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** Resets the kernel's peak-RSS mark, so VmHWM afterwards is the peak of what follows. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not allowed: VmHWM is then the peak since start, still an upper bound
  }
}

/** The V8 flags the image starts the server with (the Dockerfile's last CMD), so it runs as in production. */
export function imageNodeFlags(): string[] {
  const cmd = [...readFileSync(join(ROOT, 'Dockerfile'), 'utf8').matchAll(/^CMD (\[.*\])\s*$/gm)].at(-1)?.[1];
  return cmd ? (JSON.parse(cmd) as string[]).filter((a) => a.startsWith('--')) : [];
}

const children = new Set<ChildProcess>();
const killAll = (): void => children.forEach((c) => c.kill('SIGKILL'));
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

export interface Target {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  output: string;
}

/** Starts `node <args>` on a free port with the shipped server's environment; resolves once `probe` answers 200. */
export async function startTarget(
  name: string,
  args: string[],
  probe: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: String(port),
      HOST,
      CONTENT_DIR: join(ROOT, 'content'),
      NODE_ENV: 'production',
      // the access log stays on, as shipped, but goes nowhere: a full run writes gigabytes
      LOG_LEVEL: 'info',
      DRAIN_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const target: Target = { name, child, pid: child.pid!, url: `http://${HOST}:${port}/graphql`, output: '' };
  child.stderr!.on(
    'data',
    (chunk: Buffer) => (target.output = (target.output + chunk.toString()).slice(-4000)),
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${target.output}`);
    if ((await post(target.url, probe, 1000).catch(() => null))?.status === 200) return target;
    await sleep(100);
  }
  throw new Error(`${name} did not answer within 30 s:\n${target.output}`);
}

/** Stops a target with SIGTERM (so --cpu-prof writes its profile), SIGKILL after `graceMs`. */
export async function stopTarget(target: Target, graceMs = 10_000): Promise<void> {
  if (target.child.exitCode !== null || target.child.signalCode !== null) return;
  const exited = new Promise((r) => target.child.once('exit', r));
  target.child.kill('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])))
    target.child.kill('SIGKILL');
}

// autocannon ships no types; this is the part of its API used here.
type Summary = { errors: number; timeouts: number };
type Listener = (client: unknown, status: number, bytes: number, ms: number) => void;
type Autocannon = (
  options: object,
  done: (error: Error | null, summary: Summary) => void,
) => {
  on(event: 'response', listener: Listener): void;
};
const autocannon = require('autocannon') as Autocannon;

/**
 * One autocannon run against `url`, for `durationSec` or `amount` requests, every body
 * `before + tag-n + after` (or the same body when `after` is empty and there is no tag). Latency is
 * kept per response in µs: autocannon's own histogram has whole milliseconds only.
 */
export function load(job: {
  url: string;
  template: Template;
  tag?: string;
  connections: number;
  durationSec?: number;
  amount?: number;
}): Promise<{ requests: number; rps: number; p99Ms: number; failures: number }> {
  const histogram = createHistogram({ lowest: 1, highest: 120_000_000, figures: 3 });
  let requests = 0;
  let failures = 0;
  let n = 0;
  const { before, after } = job.template;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        ...(job.amount ? { amount: job.amount } : { duration: job.durationSec }),
        timeout: 10,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...(job.tag === undefined
          ? { body: before }
          : {
              requests: [
                {
                  method: 'POST',
                  setupRequest: (request: { body?: string }) => {
                    request.body = `${before}${job.tag}-${(n++).toString(36)}${after}`;
                    return request;
                  },
                },
              ],
            }),
      },
      (error, summary) => {
        if (error) return reject(error);
        const rps = requests / (Number(process.hrtime.bigint() - started) / 1e9);
        const p99Ms = requests > 0 ? Math.round(histogram.percentile(99)) / 1000 : 0;
        resolve({ requests, rps, p99Ms, failures: failures + summary.errors + summary.timeouts });
      },
    );
    instance.on('response', (_client, status, _bytes, responseMs) => {
      if (status < 200 || status >= 300) failures++;
      else {
        requests++;
        histogram.record(Math.max(1, Math.round(responseMs * 1000)));
      }
    });
  });
}
