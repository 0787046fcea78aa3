/**
 * `npm run bench`: the HTTP benchmark. Builds the production server and measures, on loopback
 * only, four targets on the same five operations, each repeated (same body every request) and
 * unique (a variable changes every request, so no cache can answer):
 *
 *   shipped    this server as shipped: `node dist/main.js`, NODE_ENV=production, LOG_LEVEL=info
 *   ceiling    a bare node:http server answering with the shipped server's recorded bytes
 *   mercurius  the same schema and content on Fastify + mercurius with graphql-jit (jit: 1)
 *   apollo     the same schema and content on Apollo Server's startStandaloneServer, defaults
 *
 * Every target runs in its own process, from compiled JavaScript (dist/ and dist/bench/); the load
 * (autocannon, 10 connections) comes from another process (bench/load.ts), and only one target is
 * under load at a time. Per operation and mode: a warm-up per target, then rounds that visit every
 * target in a rotating order, so drift of the machine spreads evenly. Prints req/s, p50 and p99
 * latency and peak RSS per target, the ratios of this server to the others, and writes the same to
 * bench/results/ with a description of the machine.
 *
 *   npm run bench                       full run (about 10 minutes on 2 cores)
 *   npm run bench -- --quick            smoke run (about 1.5 minutes)
 *   npm run bench -- --only level       one or more operations: tiny,level,matrix,diff,search
 *   npm run bench -- --mode unique      repeated or unique only
 *   npm run bench -- --targets shipped,mercurius
 *   npm run bench -- --no-build         reuse dist/ as it is
 *   npm run bench -- --profile          CPU profile of the shipped server under unique full-level load
 *                                       (or the first of --only and --mode: --profile --only tiny --mode repeated)
 *
 * BENCH_WARMUP, BENCH_DURATION (seconds), BENCH_ROUNDS and BENCH_CONNECTIONS override the defaults;
 * BENCH_PROFILE_SECONDS the length of --profile's load.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const HOST = '127.0.0.1';

// ---------------------------------------------------------------------------------------------
// Operations

const OP_NAMES = ['tiny', 'level', 'matrix', 'diff', 'search'] as const;
type OpName = (typeof OP_NAMES)[number];
const MODES = ['repeated', 'unique'] as const;
type Mode = (typeof MODES)[number];

interface Operation {
  readonly name: OpName;
  readonly operationName: string;
  readonly description: string;
  /** The root selection, without braces. */
  readonly fields: string;
}

const SOURCE = 'source { path line }';
const ITEM = `id text position ${SOURCE} competency { id slug name } level { id code title }`;
const CHANGE = 'status from to fromPosition toPosition similarity segments { kind text }';
const SUMMARY = 'summary { added removed changed unchanged }';

const OPERATIONS: readonly Operation[] = [
  {
    name: 'tiny',
    operationName: 'TrackTitles',
    description: 'track and level titles',
    fields: 'tracks { id name levels { id code title } }',
  },
  {
    name: 'level',
    operationName: 'FullLevel',
    description: 'one full level (SRE L3), every field, ~20 KB',
    fields:
      'level(id: "site-reliability-engineer/L3") { id code rank title summary status planningHorizon impactRadius ' +
      `evaluation responsibilityAndDirectionNeeded ${SOURCE} attributes { key label value } ` +
      'track { id name description } previous { id code title } next { id code title } ' +
      `competencies { id slug name emoji ${SOURCE} expectations { ${ITEM} } examples { ${ITEM} } } }`,
  },
  {
    name: 'matrix',
    operationName: 'SreMatrix',
    description: 'the SRE competency matrix',
    fields:
      'track(id: "site-reliability-engineer") { competencyMatrix { levels { id code title } ' +
      'rows { slug name emoji cells { id expectations { id text } examples { id text } } } } }',
  },
  {
    name: 'diff',
    operationName: 'SreDiff',
    description: 'the SRE L2 → L3 diff with word segments',
    fields:
      'diffLevels(from: "site-reliability-engineer/L2", to: "site-reliability-engineer/L3") { ' +
      'from { id title } to { id title } attributes { key label status from to } ' +
      `competencies { slug name emoji status ${SUMMARY} expectations { ${CHANGE} } examples { ${CHANGE} } } ${SUMMARY} }`,
  },
  {
    name: 'search',
    operationName: 'Search',
    description: 'search "incident review", 20 hits',
    fields:
      'search(query: "incident review", limit: 20) { kind id text score level { id title } competency { name } }',
  },
];

/**
 * Repeated: the operation as it is. Unique: the same plus `nonce: level(id: $nonce) { id }`, a
 * lookup that answers null, so the response keeps the same size (plus `"nonce":null`) while the
 * variables — and with them every cache key — change on each request.
 */
function queryOf(op: Operation, mode: Mode): string {
  return mode === 'repeated'
    ? `query ${op.operationName} { ${op.fields} }`
    : `query ${op.operationName}($nonce: ID!) { ${op.fields} nonce: level(id: $nonce) { id } }`;
}

const NONCE_MARK = '__BENCH_NONCE__';

/** The unique body around its nonce: every request sends `before + nonce + after`. */
function uniqueTemplate(op: Operation): { before: string; after: string } {
  const body = JSON.stringify({
    query: queryOf(op, 'unique'),
    variables: { nonce: NONCE_MARK },
    operationName: op.operationName,
  });
  const at = body.indexOf(NONCE_MARK);
  return { before: body.slice(0, at), after: body.slice(at + NONCE_MARK.length) };
}

function bodyOf(op: Operation, mode: Mode, nonce = 'check-0'): string {
  if (mode === 'repeated')
    return JSON.stringify({ query: queryOf(op, 'repeated'), operationName: op.operationName });
  const { before, after } = uniqueTemplate(op);
  return `${before}${nonce}${after}`;
}

// ---------------------------------------------------------------------------------------------
// Options

const TARGET_IDS = ['shipped', 'ceiling', 'mercurius', 'apollo'] as const;
type TargetId = (typeof TARGET_IDS)[number];

const TARGET_LABELS: Record<TargetId, string> = {
  shipped: 'this server (as shipped)',
  ceiling: 'ceiling: node:http, same bytes',
  mercurius: 'mercurius + graphql-jit',
  apollo: 'Apollo standalone',
};

interface Options {
  readonly quick: boolean;
  readonly build: boolean;
  readonly profile: boolean;
  readonly ops: readonly Operation[];
  readonly modes: readonly Mode[];
  readonly targets: readonly TargetId[];
  readonly warmupSec: number;
  readonly durationSec: number;
  readonly rounds: number;
  readonly connections: number;
  readonly profileSec: number;
  readonly profileOp: Operation;
  readonly profileMode: Mode;
}

class UsageError extends Error {}

function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${name}=${raw} is not allowed: a number from ${min} to ${max}`);
  }
  return value;
}

function listOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((i) => !(allowed as readonly string[]).includes(i));
  if (items.length === 0 || bad.length > 0) {
    throw new UsageError(
      `${flag} takes a comma-separated list of ${allowed.join(', ')}; got ${value ?? 'nothing'}`,
    );
  }
  return items as T[];
}

function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let build = true;
  let profile = false;
  let only: OpName[] | null = null;
  let modes: Mode[] | null = null;
  let targets: TargetId[] = [...TARGET_IDS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--quick') quick = true;
    else if (flag === '--no-build') build = false;
    else if (flag === '--profile') profile = true;
    else if (flag === '--only') only = listOf('--only', value(), OP_NAMES);
    else if (flag === '--mode') modes = listOf('--mode', value(), MODES);
    else if (flag === '--targets') targets = listOf('--targets', value(), TARGET_IDS);
    else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument ${arg}`);
  }
  // the other targets are checked against, and the ceiling answers with, the shipped server's bytes
  if (!targets.includes('shipped')) targets.unshift('shipped');
  return {
    quick,
    build,
    profile,
    ops: OPERATIONS.filter((o) => (only ?? OP_NAMES).includes(o.name)),
    modes: MODES.filter((m) => (modes ?? MODES).includes(m)),
    // --profile takes the first --only and --mode given, else the full level, unique
    profileOp: OPERATIONS.find((o) => o.name === (only?.[0] ?? 'level'))!,
    profileMode: modes?.[0] ?? 'unique',
    targets: TARGET_IDS.filter((t) => targets.includes(t)),
    warmupSec: envNumber('BENCH_WARMUP', quick ? 0.5 : 1.5, 0, 60),
    durationSec: envNumber('BENCH_DURATION', quick ? 1 : 4, 0.5, 120),
    rounds: Math.round(envNumber('BENCH_ROUNDS', quick ? 1 : 3, 1, 20)),
    connections: Math.round(envNumber('BENCH_CONNECTIONS', 10, 1, 200)),
    profileSec: envNumber('BENCH_PROFILE_SECONDS', 10, 1, 120),
  };
}

const USAGE = `usage: npm run bench -- [--quick] [--only tiny,level,matrix,diff,search] [--mode repeated|unique]
                        [--targets shipped,ceiling,mercurius,apollo] [--no-build] [--profile]
env: BENCH_WARMUP, BENCH_DURATION (seconds), BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_PROFILE_SECONDS`;

// ---------------------------------------------------------------------------------------------
// Child processes: every one is tracked and killed on exit, error or signal.

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function killAll(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every target and the load generator`);
    killAll();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Asks a child to stop, then kills it if it has not exited within `graceMs`. */
async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function run(command: string, args: string[], what: string): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (result.status !== 0)
    throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`})`);
  console.log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The production build (npm run build) and the bench scripts, compiled to dist/bench/. */
function build(): void {
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], 'npm run build');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  run(process.execPath, [tsc, '-p', join(ROOT, 'bench', 'tsconfig.json')], 'compile bench/ to dist/bench/');
}

// ---------------------------------------------------------------------------------------------
// Targets

interface RunningTarget {
  readonly id: TargetId;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  /** VmHWM when the target was up and answering, before any load. */
  readonly startupPeakMb: number | null;
}

interface Post {
  readonly status: number;
  readonly bytes: Buffer;
}

async function post(url: string, body: string, timeoutMs = 10_000): Promise<Post> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

function logTail(file: string, bytes = 4000): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.slice(-bytes);
  } catch {
    return '(no log)';
  }
}

async function startTarget(
  id: TargetId,
  tmp: string,
  /** A body the target answers with 200 once it is ready. */
  probe: string,
  extra: { responsesFile?: string; nodeArgs?: string[] } = {},
): Promise<RunningTarget> {
  const port = await freePort();
  const logFile = join(tmp, `${id}.log`);
  // append mode: the log can be emptied between runs while the server keeps writing
  const fd = openSync(logFile, 'a');
  const script =
    id === 'shipped'
      ? join(ROOT, 'dist', 'main.js')
      : join(ROOT, 'dist', 'bench', 'targets', `${id === 'apollo' ? 'apollo-standalone' : id}.js`);
  if (!existsSync(script)) throw new Error(`${relative(ROOT, script)} is missing; run without --no-build`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    CONTENT_DIR: join(ROOT, 'content'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    BENCH_ROOT: ROOT,
  };
  delete env.NODE_OPTIONS;
  if (extra.responsesFile) env.BENCH_RESPONSES = extra.responsesFile;
  const child = track(
    spawn(process.execPath, [...(extra.nodeArgs ?? []), script], {
      cwd: ROOT,
      env,
      stdio: ['ignore', fd, fd],
    }),
  );
  closeSync(fd);
  const url = `http://${HOST}:${port}/graphql`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${id} exited during start-up (${child.exitCode ?? child.signalCode}):\n${logTail(logFile)}`,
      );
    }
    if (Date.now() > deadline) throw new Error(`${id} did not answer within 30 s:\n${logTail(logFile)}`);
    try {
      if ((await post(url, probe, 1000)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return { id, child, pid: child.pid!, url, logFile, startupPeakMb: roundMb(statusMb(child.pid!, 'VmHWM')) };
}

// ---------------------------------------------------------------------------------------------
// Memory: peak RSS of a target during a run, from /proc (VmHWM reset before the run), else ps.

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
    const kb = Number(ps.stdout?.trim());
    return ps.status === 0 && Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
  }
}

function roundMb(mb: number | null): number | null {
  return mb === null ? null : Math.round(mb * 10) / 10;
}

/** Resets the kernel's peak-RSS mark (Linux ≥ 4.0), so VmHWM afterwards is this run's peak. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// CPU: how much of a core the target and the load generator used during a run, and how much went
// to everything else on the machine (other people's tests, say), which makes a run less comparable.

const USER_HZ = 100; // /proc reports CPU time in clock ticks of 1/100 s on Linux

function processTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "(comm)": state is field 3, utime 14, stime 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * CPU time of the whole machine that processes account for: user, nice, system and steal. Interrupt
 * and softirq time is left out: on loopback most of it is the benchmark's own network traffic, which
 * no process is charged for, so counting it would blame "other processes" for it.
 */
function machineTicks(): { busy: number; softirq: number } | null {
  try {
    const values = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]!
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = values;
    return { busy: user + nice + system + steal, softirq: irq + softirq };
  } catch {
    return null;
  }
}

/** CPU used during a run, in cores (1 = one core busy the whole time); null where /proc is missing. */
interface CpuUse {
  readonly serverCores: number | null;
  readonly loadGeneratorCores: number | null;
  readonly otherCores: number | null;
  /** Interrupt and softirq time of the machine: mostly this benchmark's loopback traffic. */
  readonly irqCores: number | null;
}

class CpuMeter {
  private readonly started = process.hrtime.bigint();
  private readonly self = process.cpuUsage();
  private readonly server: number | null;
  private readonly loader: number | null;
  private readonly machine: { busy: number; softirq: number } | null;

  constructor(
    private readonly serverPid: number,
    private readonly loaderPid: number,
  ) {
    this.server = processTicks(serverPid);
    this.loader = processTicks(loaderPid);
    this.machine = machineTicks();
  }

  stop(): CpuUse {
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const delta = (before: number | null, after: number | null): number | null =>
      before === null || after === null ? null : (after - before) / USER_HZ;
    const server = delta(this.server, processTicks(this.serverPid));
    const loader = delta(this.loader, processTicks(this.loaderPid));
    const now = machineTicks();
    const busy = delta(this.machine?.busy ?? null, now?.busy ?? null);
    const irq = delta(this.machine?.softirq ?? null, now?.softirq ?? null);
    const used = process.cpuUsage(this.self);
    const self = (used.user + used.system) / 1e6;
    const cores = (x: number | null): number | null =>
      x === null ? null : Math.round((100 * x) / seconds) / 100;
    return {
      serverCores: cores(server),
      loadGeneratorCores: cores(loader),
      otherCores:
        busy === null || server === null || loader === null
          ? null
          : cores(Math.max(0, busy - server - loader - self)),
      irqCores: cores(irq),
    };
  }
}

class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly resetOk: boolean;

  constructor(private readonly pid: number) {
    this.resetOk = resetPeak(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), this.resetOk ? 250 : 100);
  }

  private sample(): void {
    this.peak = Math.max(this.peak, statusMb(this.pid, 'VmRSS') ?? 0);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    const hwm = this.resetOk ? (statusMb(this.pid, 'VmHWM') ?? 0) : 0;
    return Math.round(Math.max(this.peak, hwm) * 10) / 10;
  }
}

// ---------------------------------------------------------------------------------------------
// The load generator: one long-lived process, one job at a time.

interface LoadJob {
  id: number;
  url: string;
  connections: number;
  durationSec: number;
  body: string;
  unique?: { before: string; tag: string; after: string };
}

interface LoadNumbers {
  requests: number;
  rps: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytes: number;
  elapsedSec: number;
}

type LoadReply = ({ id: number; ok: true } & LoadNumbers) | { id: number; ok: false; error: string };

class LoadGenerator {
  private readonly child: ChildProcess;
  readonly pid: number;
  private readonly waiting = new Map<number, (reply: LoadReply) => void>();
  private next = 1;

  constructor() {
    const script = join(ROOT, 'dist', 'bench', 'load.js');
    if (!existsSync(script)) throw new Error('dist/bench/load.js is missing; run without --no-build');
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    this.child = track(
      spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    this.pid = this.child.pid!;
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        const reply = JSON.parse(line) as LoadReply;
        this.waiting.get(reply.id)?.(reply);
      } catch {
        console.error(`load generator: ${line}`);
      }
    });
    this.child.on('exit', (code, signal) => {
      for (const [id, done] of this.waiting)
        done({ id, ok: false, error: `load generator exited (${code ?? signal})` });
      this.waiting.clear();
    });
  }

  /** Runs one job; bounded by its duration plus 30 s whatever the worker does. */
  async load(job: Omit<LoadJob, 'id'>): Promise<LoadNumbers> {
    const id = this.next++;
    const reply = await new Promise<LoadReply>((resolveReply) => {
      const timer = setTimeout(
        () => resolveReply({ id, ok: false, error: 'no result within duration + 30 s' }),
        job.durationSec * 1000 + 30_000,
      );
      this.waiting.set(id, (r) => {
        clearTimeout(timer);
        resolveReply(r);
      });
      this.child.stdin!.write(`${JSON.stringify({ ...job, id })}\n`);
    });
    this.waiting.delete(id);
    if (!reply.ok) throw new Error(`load generator: ${reply.error}`);
    return reply;
  }

  async close(): Promise<void> {
    this.child.stdin!.end();
    await stopChild(this.child, 2000);
  }
}

// ---------------------------------------------------------------------------------------------
// Logs: the shipped server logs every request at info. The file is scanned for errors and emptied
// after each run, so a full benchmark does not leave gigabytes of access lines behind.

interface LogScan {
  bytes: number;
  errorLines: string[];
}

function drainLog(target: RunningTarget): LogScan {
  let text = '';
  try {
    text = readFileSync(target.logFile, 'utf8');
  } catch {
    return { bytes: 0, errorLines: [] };
  }
  const errorLines = text
    .split('\n')
    .filter(
      (l) =>
        /"level":(50|60)/.test(l) ||
        (target.id !== 'shipped' && l.trim() !== '' && !l.startsWith('{"listening"')),
    )
    .slice(0, 5);
  const fd = openSync(target.logFile, 'r+');
  ftruncateSync(fd, 0);
  closeSync(fd);
  return { bytes: Buffer.byteLength(text), errorLines };
}

// ---------------------------------------------------------------------------------------------
// Checks: equal work is the point, so every target's answer must match the shipped server's.

interface Check {
  readonly target: TargetId;
  readonly op: OpName;
  readonly mode: Mode;
  readonly result: 'identical' | 'json-equal' | 'different' | 'failed';
  readonly detail?: string;
}

function jsonOf(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

function hasErrors(bytes: Buffer): boolean {
  const json = jsonOf(bytes) as { errors?: unknown; data?: unknown } | undefined;
  return json === undefined || json.errors !== undefined || json.data === undefined || json.data === null;
}

function compare(reference: Buffer, got: Post): Pick<Check, 'result' | 'detail'> {
  if (got.status !== 200)
    return { result: 'failed', detail: `HTTP ${got.status}: ${got.bytes.toString('utf8').slice(0, 300)}` };
  if (got.bytes.equals(reference)) return { result: 'identical' };
  const a = jsonOf(reference);
  const b = jsonOf(got.bytes);
  if (a !== undefined && isDeepStrictEqual(a, b)) {
    const onlyNewline = got.bytes.toString('utf8').trimEnd() === reference.toString('utf8').trimEnd();
    return {
      result: 'json-equal',
      detail: onlyNewline
        ? 'only the trailing newline differs'
        : `${got.bytes.length} bytes vs ${reference.length}: formatting or key order differs`,
    };
  }
  return { result: 'different', detail: `${got.bytes.toString('utf8').slice(0, 300)}` };
}

// ---------------------------------------------------------------------------------------------
// Measurement

interface Round extends LoadNumbers, CpuUse {
  readonly round: number;
  /** 1, or more when other processes were busy during the first try; the quietest attempt is kept. */
  readonly attempts: number;
  readonly peakRssMb: number;
}

interface Cell {
  readonly target: TargetId;
  readonly op: OpName;
  readonly mode: Mode;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly peakRssMb: number;
  /** (max − min) / median of the rounds' req/s. */
  readonly spread: number;
  /** Median over the rounds, in cores. */
  readonly serverCores: number | null;
  readonly loadGeneratorCores: number | null;
  /** The most any round saw other processes use, in cores. */
  readonly otherCoresMax: number | null;
  readonly non2xx: number;
  readonly errors: number;
  readonly rounds: Round[];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Above this much CPU used by other processes during a run, the run is flagged. */
const OTHER_CPU_WARNING = 0.25;
/** Measurements repeated at most this many times when other processes were busy (see retryBudgetSec). */
const MAX_RETRIES = 2;
/** …and all the repeats together take at most this fraction of the planned load time. */
const RETRY_BUDGET = 0.1;

const busy = (cpu: CpuUse): boolean => (cpu.otherCores ?? 0) > OTHER_CPU_WARNING;

function medianOrNull(xs: readonly (number | null)[]): number | null {
  return xs.some((x) => x === null) ? null : median(xs as number[]);
}

function randomTag(): string {
  return Math.random().toString(36).slice(2, 8);
}

async function loadOnce(
  loader: LoadGenerator,
  target: RunningTarget,
  op: Operation,
  mode: Mode,
  seconds: number,
  connections: number,
  label: string,
): Promise<LoadNumbers & CpuUse & { peakRssMb: number }> {
  const sampler = new RssSampler(target.pid);
  const cpu = new CpuMeter(target.pid, loader.pid);
  let numbers: LoadNumbers;
  let peakRssMb: number;
  let cpuUse: CpuUse;
  try {
    numbers = await loader.load({
      url: target.url,
      connections,
      durationSec: seconds,
      body: bodyOf(op, mode),
      ...(mode === 'unique' ? { unique: { ...uniqueTemplate(op), tag: `${label}-${randomTag()}` } } : {}),
    });
  } finally {
    peakRssMb = sampler.stop();
    cpuUse = cpu.stop();
  }
  if (target.child.exitCode !== null || target.child.signalCode !== null) {
    throw new Error(`${target.id} died under load:\n${logTail(target.logFile)}`);
  }
  const scan = drainLog(target);
  for (const line of scan.errorLines) console.warn(`  ! ${target.id} logged: ${line.slice(0, 300)}`);
  if (numbers.non2xx > 0 || numbers.errors > 0 || numbers.timeouts > 0) {
    console.warn(
      `  ! ${target.id} ${op.name}/${mode}: ${numbers.non2xx} non-2xx, ${numbers.errors} errors, ${numbers.timeouts} timeouts`,
    );
  }
  return { ...numbers, ...cpuUse, peakRssMb };
}

// ---------------------------------------------------------------------------------------------
// Output

function table(headers: string[], rows: string[][], leftColumns = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => n.toFixed(2);
const ratio = (n: number): string => `${n.toFixed(2)}×`;
const cores = (n: number | null): string => (n === null ? '?' : n.toFixed(2));

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    availableParallelism: os.availableParallelism(),
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    kernel: os.release(),
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

interface GitState {
  readonly commit: string | null;
  /** Tracked files that differed from the commit when the run started (none: a clean tree). */
  readonly changedFiles: string[] | null;
  /** Whether this run built dist/; with --no-build the numbers belong to whatever dist/ holds. */
  readonly built: boolean;
  /** When dist/main.js was written. */
  distBuiltAt: string | null;
}

function gitState(built: boolean): GitState {
  // read-only: which commit the numbers belong to
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', timeout: 5000 });
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 5000,
  });
  let distBuiltAt: string | null = null;
  try {
    distBuiltAt = statSync(join(ROOT, 'dist', 'main.js')).mtime.toISOString();
  } catch {
    // no build yet
  }
  return {
    commit: head.status === 0 ? head.stdout.trim() : null,
    changedFiles:
      status.status === 0
        ? status.stdout
            .split('\n')
            .map((l) => l.slice(3).trim())
            .filter(Boolean)
        : null,
    built,
    distBuiltAt,
  };
}

function writeResults(name: string, data: unknown): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const stamp = new Date()
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const dated = join(RESULTS_DIR, `${stamp}${name === 'latest' ? '' : `-${name}`}.json`);
  const latest = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(dated, text);
  writeFileSync(`${latest}.tmp`, text);
  renameSync(`${latest}.tmp`, latest);
  return [latest, dated];
}

// ---------------------------------------------------------------------------------------------
// The benchmark

async function benchmark(options: Options, tmp: string, git: GitState): Promise<void> {
  const { ops, modes, targets, warmupSec, durationSec, rounds, connections } = options;
  const started = new Date();
  const runs = ops.length * modes.length * targets.length;
  const estimate = runs * (warmupSec + rounds * durationSec);
  console.log(
    `\n${ops.length} operation(s) × ${modes.length} mode(s) × ${targets.length} target(s); ` +
      `warm-up ${warmupSec} s, ${rounds} round(s) of ${durationSec} s, ${connections} connections; ` +
      `load about ${Math.round(estimate / 6) / 10} min`,
  );

  const loader = new LoadGenerator();
  const running = new Map<TargetId, RunningTarget>();
  try {
    // 1. the shipped server, and the reference answers
    const probe = bodyOf(ops[0]!, 'repeated');
    const shipped = await startTarget('shipped', tmp, probe);
    running.set('shipped', shipped);
    const reference = new Map<string, Buffer>();
    const exact: { body: string; response: string }[] = [];
    const byOperationName: Record<string, string> = {};
    console.log('\nresponses of this server (the reference):');
    for (const op of ops) {
      for (const mode of MODES) {
        const body = bodyOf(op, mode);
        const got = await post(shipped.url, body);
        if (got.status !== 200 || hasErrors(got.bytes)) {
          throw new Error(
            `${op.name}/${mode} fails on this server: HTTP ${got.status} ${got.bytes.toString().slice(0, 500)}`,
          );
        }
        reference.set(`${op.name}/${mode}`, got.bytes);
        exact.push({ body, response: got.bytes.toString('utf8') });
        if (mode === 'unique') byOperationName[op.operationName] = got.bytes.toString('utf8');
      }
      console.log(
        `  ${op.name.padEnd(7)} ${String(reference.get(`${op.name}/repeated`)!.length).padStart(6)} bytes ` +
          `(unique: ${reference.get(`${op.name}/unique`)!.length})  ${op.description}`,
      );
    }
    drainLog(shipped);

    // 2. the others
    const responsesFile = join(tmp, 'responses.json');
    writeFileSync(responsesFile, JSON.stringify({ exact, byOperationName }));
    for (const id of targets) {
      if (id === 'shipped') continue;
      running.set(id, await startTarget(id, tmp, probe, { responsesFile }));
    }
    for (const t of running.values()) {
      console.log(
        `  started ${t.id.padEnd(9)} pid ${t.pid}  ${t.url}  startup peak RSS ${t.startupPeakMb?.toFixed(1) ?? '?'} MB`,
      );
    }

    // 3. equal work: every answer against the reference
    const checks: Check[] = [];
    for (const id of targets) {
      if (id === 'shipped') continue;
      for (const op of ops) {
        for (const mode of MODES) {
          const got = await post(running.get(id)!.url, bodyOf(op, mode)).catch((e: unknown): Post => ({
            status: 0,
            bytes: Buffer.from(String(e)),
          }));
          checks.push({
            target: id,
            op: op.name,
            mode,
            ...compare(reference.get(`${op.name}/${mode}`)!, got),
          });
        }
      }
      drainLog(running.get(id)!);
    }
    console.log('\nresponse checks against this server (repeated and unique bodies):');
    for (const id of targets.filter((t) => t !== 'shipped')) {
      const mine = checks.filter((c) => c.target === id);
      const counts = ['identical', 'json-equal', 'different', 'failed']
        .map((r) => [r, mine.filter((c) => c.result === r).length] as const)
        .filter(([, n]) => n > 0)
        .map(([r, n]) => `${n} ${r}`);
      console.log(`  ${id.padEnd(9)} ${counts.join(', ')}`);
      for (const c of mine.filter((x) => x.result === 'different' || x.result === 'failed')) {
        console.warn(`  ! WARNING ${id} ${c.op}/${c.mode} ${c.result}: ${c.detail}`);
      }
      const equal = mine.filter((x) => x.result === 'json-equal');
      for (const detail of new Set(equal.map((c) => c.detail))) {
        const which = equal.filter((c) => c.detail === detail).map((c) => `${c.op}/${c.mode}`);
        console.log(`    JSON-equal, not byte-identical (${detail}): ${which.join(', ')}`);
      }
    }
    if (targets.includes('ceiling')) {
      console.log(
        '  note: for unique operations the ceiling answers every request with one representative response',
      );
    }

    // 4. load
    const cells: Cell[] = [];
    const loadStarted = Date.now();
    // repeats of noisy runs may add at most a tenth of the planned load time
    let retryBudgetSec = RETRY_BUDGET * estimate;
    for (const op of ops) {
      for (const mode of modes) {
        const label = `${op.name}/${mode}`;
        process.stdout.write(`\n${label.padEnd(16)} warm-up`);
        for (const id of targets) {
          if (warmupSec > 0)
            await loadOnce(loader, running.get(id)!, op, mode, warmupSec, connections, `w-${id}`);
        }
        const byTarget = new Map<TargetId, Round[]>(targets.map((t) => [t, []]));
        for (let r = 0; r < rounds; r++) {
          process.stdout.write(`  round ${r + 1}:`);
          // rotate the order each round, so no target always follows the same one
          const order = targets.map((_, i) => targets[(i + r) % targets.length]!);
          for (const id of order) {
            const measure = (attempt: number) =>
              loadOnce(
                loader,
                running.get(id)!,
                op,
                mode,
                durationSec,
                connections,
                `${id}-r${r}-a${attempt}`,
              );
            let numbers = await measure(1);
            let attempts = 1;
            // other processes took CPU during the run: measure again (bounded), keep the quietest attempt
            let last = numbers;
            while (busy(last) && attempts <= MAX_RETRIES && retryBudgetSec >= durationSec) {
              retryBudgetSec -= durationSec;
              attempts++;
              process.stdout.write(` (${id}: other processes used ${last.otherCores} cores; again)`);
              const again = await measure(attempts);
              last = again;
              if ((again.otherCores ?? 0) < (numbers.otherCores ?? 0)) numbers = again;
            }
            if (busy(numbers)) {
              console.warn(
                `\n  ! other processes used ${numbers.otherCores} cores during ${id} ${label} round ${r + 1}; ` +
                  'this run is less comparable',
              );
            }
            byTarget.get(id)!.push({ round: r + 1, attempts, ...numbers });
            process.stdout.write(` ${id} ${int(numbers.rps)}`);
          }
        }
        for (const id of targets) {
          const rs = byTarget.get(id)!;
          const rps = median(rs.map((x) => x.rps));
          cells.push({
            target: id,
            op: op.name,
            mode,
            rps,
            p50Ms: median(rs.map((x) => x.p50Ms)),
            p99Ms: median(rs.map((x) => x.p99Ms)),
            peakRssMb: Math.max(...rs.map((x) => x.peakRssMb)),
            spread:
              rps > 0 ? (Math.max(...rs.map((x) => x.rps)) - Math.min(...rs.map((x) => x.rps))) / rps : 0,
            serverCores: medianOrNull(rs.map((x) => x.serverCores)),
            loadGeneratorCores: medianOrNull(rs.map((x) => x.loadGeneratorCores)),
            otherCoresMax: rs.some((x) => x.otherCores === null)
              ? null
              : Math.max(...rs.map((x) => x.otherCores!)),
            non2xx: rs.reduce((s, x) => s + x.non2xx, 0),
            errors: rs.reduce((s, x) => s + x.errors + x.timeouts, 0),
            rounds: rs,
          });
        }
      }
    }
    console.log(`\n\nload done in ${((Date.now() - loadStarted) / 60000).toFixed(1)} min`);

    // 5. report
    const cell = (t: TargetId, op: OpName, mode: Mode): Cell | undefined =>
      cells.find((c) => c.target === t && c.op === op && c.mode === mode);
    const resultRows: string[][] = [];
    for (const op of ops) {
      for (const mode of modes) {
        for (const id of targets) {
          const c = cell(id, op.name, mode)!;
          resultRows.push([
            op.name,
            mode,
            TARGET_LABELS[id],
            int(c.rps),
            `±${Math.round((c.spread * 100) / 2)}%`,
            ms(c.p50Ms),
            ms(c.p99Ms),
            c.peakRssMb.toFixed(0),
            cores(c.serverCores),
            cores(c.loadGeneratorCores),
            cores(c.otherCoresMax),
            String(reference.get(`${op.name}/${mode}`)!.length),
          ]);
        }
      }
    }
    console.log(
      `\nresults (median of ${rounds} round(s) of ${durationSec} s, ${connections} connections; ` +
        '±: half the spread of the rounds; latency from the load generator;\n' +
        ' RSS: peak of the target; srv cpu / gen cpu: cores used by the target / the load generator; ' +
        'other: the most any round saw other processes use; bytes: response size)\n',
    );
    console.log(
      table(
        [
          'op',
          'mode',
          'target',
          'req/s',
          '±',
          'p50 ms',
          'p99 ms',
          'RSS MB',
          'srv cpu',
          'gen cpu',
          'other',
          'bytes',
        ],
        resultRows,
        3,
      ),
    );

    const others = targets.filter((t) => t !== 'shipped');
    const ratios: { op: OpName; mode: Mode; versus: TargetId; rps: number; p99: number }[] = [];
    const ratioRows: string[][] = [];
    for (const op of ops) {
      for (const mode of modes) {
        const mine = cell('shipped', op.name, mode)!;
        const row: string[] = [op.name, mode];
        for (const other of others) {
          const theirs = cell(other, op.name, mode)!;
          const r = {
            op: op.name,
            mode,
            versus: other,
            rps: mine.rps / theirs.rps,
            p99: mine.p99Ms / theirs.p99Ms,
          };
          ratios.push(r);
          row.push(ratio(r.rps));
        }
        ratioRows.push(row);
      }
    }
    if (others.length > 0) {
      console.log("\nthis server's req/s ÷ each other target's (above 1× = this server is faster)\n");
      console.log(table(['op', 'mode', ...others.map((o) => `÷ ${o}`)], ratioRows, 2));
    }

    // goals, not assertions
    const goals: { goal: string; met: boolean; detail: string }[] = [];
    const shippedCells = cells.filter((c) => c.target === 'shipped');
    for (const c of shippedCells) {
      const ceiling = cell('ceiling', c.op, c.mode);
      const merc = cell('mercurius', c.op, c.mode);
      if (c.mode === 'repeated' && ceiling) {
        goals.push({
          goal: `${c.op}/repeated ≥ 0.7× ceiling`,
          met: c.rps >= 0.7 * ceiling.rps,
          detail: ratio(c.rps / ceiling.rps),
        });
      }
      if (merc)
        goals.push({
          goal: `${c.op}/${c.mode} ahead of mercurius`,
          met: c.rps > merc.rps,
          detail: ratio(c.rps / merc.rps),
        });
      if (c.mode === 'repeated')
        goals.push({ goal: `${c.op}/repeated p99 < 5 ms`, met: c.p99Ms < 5, detail: `${ms(c.p99Ms)} ms` });
    }
    const peak = Math.max(...shippedCells.map((c) => c.peakRssMb), shipped.startupPeakMb ?? 0);
    goals.push({ goal: 'peak RSS < 150 MB', met: peak < 150, detail: `${peak.toFixed(0)} MB` });
    console.log(`\ngoals (not assertions): ${goals.filter((g) => g.met).length} of ${goals.length} met`);
    console.log(
      table(
        ['goal', 'met', 'value'],
        goals.map((g) => [g.goal, g.met ? 'yes' : 'NO', g.detail]),
        2,
      ),
    );

    const m = machine();
    console.log(`\nmachine: ${m.cpuCount} × ${m.cpuModel}, ${m.totalMemoryMb} MB, node ${m.node}, ${m.os}`);

    const finished = new Date();
    const name =
      options.quick ||
      ops.length < OPERATIONS.length ||
      modes.length < MODES.length ||
      targets.length < TARGET_IDS.length
        ? 'latest-partial'
        : 'latest';
    const files = writeResults(name, {
      schemaVersion: 1,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      wallSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
      quick: options.quick,
      config: { warmupSec, durationSec, rounds, connections, ops: ops.map((o) => o.name), modes, targets },
      machine: m,
      git,
      method: [
        'Each target is its own process, started from compiled JavaScript (dist/main.js; dist/bench/targets/*.js).',
        'Load: autocannon in a separate process, POST JSON, keep-alive, one target under load at a time.',
        'Per operation and mode: a warm-up per target, then rounds visiting every target in a rotating order.',
        'req/s, p50 and p99 are medians over the rounds; latency is measured per response in microseconds.',
        'CPU from /proc per run; a run where other processes used > 0.25 cores is repeated (at most twice, within a tenth of the planned time), keeping the quietest attempt.',
        'Peak RSS: VmHWM of the target, reset (clear_refs 5) before each run, max over the rounds; startupPeakMb is before any load.',
        'Unique: the operation plus `nonce: level(id: $nonce) { id }` with a new $nonce every request (answers null).',
        'The ceiling answers unique operations with one representative response recorded from this server.',
      ],
      targets: [...running.values()].map((t) => ({
        id: t.id,
        label: TARGET_LABELS[t.id],
        startupPeakMb: t.startupPeakMb,
      })),
      operations: ops.map((op) => ({
        name: op.name,
        operationName: op.operationName,
        description: op.description,
        query: queryOf(op, 'repeated'),
        uniqueQuery: queryOf(op, 'unique'),
        responseBytes: reference.get(`${op.name}/repeated`)!.length,
        uniqueResponseBytes: reference.get(`${op.name}/unique`)!.length,
      })),
      checks,
      results: cells,
      ratios,
      goals,
    });
    console.log(`results: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
  } finally {
    await Promise.all([...running.values()].map((t) => stopChild(t.child)));
    await loader.close();
  }
}

// ---------------------------------------------------------------------------------------------
// --profile: where the shipped server's time goes, by default under unique full-level load

async function profile(options: Options, tmp: string): Promise<void> {
  const op = options.profileOp;
  const mode = options.profileMode;
  const name = `${op.name}-${mode}`;
  const profileDir = join(tmp, 'profile');
  mkdirSync(profileDir);
  const loader = new LoadGenerator();
  let shipped: RunningTarget | undefined;
  let window = '';
  try {
    shipped = await startTarget('shipped', tmp, bodyOf(op, 'repeated'), {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=shipped-${name}.cpuprofile`],
    });
    console.log(
      `\nprofiling this server (pid ${shipped.pid}) under ${options.profileSec} s of ${op.name}/${mode} load ` +
        `after ${options.warmupSec} s of warm-up (not in the summary)`,
    );
    if (options.warmupSec > 0) {
      await loadOnce(loader, shipped, op, mode, options.warmupSec, options.connections, 'profile-warmup');
    }
    // the same clock as V8's profile timestamps (CLOCK_MONOTONIC), in microseconds
    const fromUs = process.hrtime.bigint() / 1000n;
    const numbers = await loadOnce(
      loader,
      shipped,
      op,
      mode,
      options.profileSec,
      options.connections,
      'profile',
    );
    window = `${fromUs}:${process.hrtime.bigint() / 1000n}`;
    console.log(
      `  ${int(numbers.rps)} req/s, p50 ${ms(numbers.p50Ms)} ms, p99 ${ms(numbers.p99Ms)} ms (with the profiler on)`,
    );
    // the profile is written when the process exits; SIGTERM makes the server close and exit 0
    await stopChild(shipped.child, 20_000);
  } finally {
    if (shipped) await stopChild(shipped.child);
    await loader.close();
  }
  const written = join(profileDir, `shipped-${name}.cpuprofile`);
  if (!existsSync(written)) throw new Error(`no profile was written in ${profileDir}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const kept = join(RESULTS_DIR, `shipped-${name}.cpuprofile`);
  writeFileSync(kept, readFileSync(written));
  const summary = spawnSync(
    process.execPath,
    [
      join(ROOT, 'dist', 'bench', 'profile-summary.js'),
      kept,
      '--top',
      '15',
      '--root',
      ROOT,
      '--json',
      join(RESULTS_DIR, `profile-${name}.json`),
      '--window',
      window,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (summary.status !== 0) throw new Error(`profile-summary failed: ${summary.stderr}`);
  writeFileSync(join(RESULTS_DIR, `profile-${name}.txt`), summary.stdout);
  console.log(`\n${summary.stdout}`);
  console.log(
    `profile: ${relative(ROOT, kept)} (${(statSync(kept).size / 1024 / 1024).toFixed(1)} MB, not committed), ` +
      `summary: bench/results/profile-${name}.{txt,json}`,
  );
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(USAGE);
    process.exit(error.message ? 2 : 0);
  }
  const started = Date.now();
  // the commit the build is made from (the tree may move on while the benchmark runs)
  const git = gitState(options.build);
  if (options.build) build();
  if (options.build) git.distBuiltAt = statSync(join(ROOT, 'dist', 'main.js')).mtime.toISOString();
  const tmp = mkdtempSync(join(os.tmpdir(), 'cfa-bench-'));
  // a bound on the whole run, whatever happens: twice the planned load plus five minutes
  const planned = options.profile
    ? options.profileSec
    : options.ops.length *
      options.modes.length *
      options.targets.length *
      (options.warmupSec + options.rounds * options.durationSec);
  const watchdog = setTimeout(
    () => {
      console.error('benchmark exceeded its time bound; stopping');
      killAll();
      process.exit(1);
    },
    (2 * planned + 300) * 1000,
  );
  watchdog.unref();
  try {
    if (options.profile) await profile(options, tmp);
    else await benchmark(options, tmp, git);
  } finally {
    clearTimeout(watchdog);
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`total ${((Date.now() - started) / 60000).toFixed(1)} min`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  killAll();
  process.exit(1);
});
