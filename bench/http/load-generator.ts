/**
 * The harness's side of the load generator: one long-lived worker process (load-worker.ts, driving
 * autocannon) so that its CPU is not the target's, one job at a time; and `loadOnce`, one measured
 * run against one target.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LoadJob, LoadResult } from './load-worker';
import { CpuMeter, RssSampler, type CpuUse } from './meters';
import { bodyOf, uniqueTemplate, type Mode, type Operation } from './operations';
import { BENCH_DIST, ROOT } from './paths';
import { stopChild, track } from './processes';
import { drainLog, logTail, type RunningTarget } from './targets';

/** What one job measured. */
export type LoadNumbers = Omit<Extract<LoadResult, { ok: true }>, 'id' | 'ok'>;

/** One measured run: the load generator's numbers, the CPU used and the target's peak RSS. */
export type RunNumbers = LoadNumbers & CpuUse & { peakRssMb: number };

export class LoadGenerator {
  private readonly child: ChildProcess;
  readonly pid: number;
  private readonly waiting = new Map<number, (reply: LoadResult) => void>();
  private next = 1;

  constructor() {
    const script = join(BENCH_DIST, 'http', 'load-worker.js');
    if (!existsSync(script))
      throw new Error('bench/dist/http/load-worker.js is missing; run without --no-build');
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    this.child = track(
      spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    this.pid = this.child.pid!;
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        const reply = JSON.parse(line) as LoadResult;
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
    const reply = await new Promise<LoadResult>((resolveReply) => {
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
    const { id: _id, ok: _ok, ...numbers } = reply;
    return numbers;
  }

  async close(): Promise<void> {
    this.child.stdin!.end();
    await stopChild(this.child, 2000);
  }
}

function randomTag(): string {
  return Math.random().toString(36).slice(2, 8);
}

/** Load against one target for `seconds`, measuring its CPU and peak RSS, then a scan of its log. */
export async function loadOnce(
  loader: LoadGenerator,
  target: RunningTarget,
  op: Operation,
  mode: Mode,
  seconds: number,
  connections: number,
  label: string,
): Promise<RunNumbers> {
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
