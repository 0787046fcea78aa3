/**
 * The report of a run: the results table, this server's ratios to every other target (to the
 * baseline: current ÷ baseline), the README's goals, and the machine and commit they belong to.
 */
import os from 'node:os';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import type { Baseline } from './baseline';
import { cores, int, ms, ratio, table } from './format';
import type { Mode, OpName, Operation } from './operations';
import { TARGET_LABELS, type TargetId } from './options';
import { ROOT } from './paths';
import { git } from './processes';
import type { Cell, GitState, Goal, Ratio } from './results';

/** A target's label; the baseline's names its commit. */
export function labelOf(id: TargetId, baseline: Pick<Baseline, 'ref' | 'commit'> | null | undefined): string {
  if (id === 'baseline' && baseline) return `baseline: ${refAndCommit(baseline)}`;
  return TARGET_LABELS[id];
}

/** `c9a45c2` for a ref that is the commit's own prefix, else `main~3 (c9a45c2)`. */
export function refAndCommit(baseline: Pick<Baseline, 'ref' | 'commit'>): string {
  const short = baseline.commit.slice(0, 7);
  return baseline.commit.startsWith(baseline.ref) ? short : `${baseline.ref} (${short})`;
}

/** The cell of one target, operation and mode, if it was measured. */
export function cellOf(cells: readonly Cell[], t: TargetId, op: OpName, mode: Mode): Cell | undefined {
  return cells.find((c) => c.target === t && c.op === op && c.mode === mode);
}

/** Prints every cell, then this server's req/s ÷ each other target's; returns those ratios. */
export function printResults(
  cells: readonly Cell[],
  run: {
    ops: readonly Operation[];
    modes: readonly Mode[];
    targets: readonly TargetId[];
    rounds: number;
    durationSec: number;
    connections: number;
    responseBytes: (op: OpName, mode: Mode) => number;
    baseline: Baseline | null;
  },
): Ratio[] {
  const { ops, modes, targets } = run;
  const rows: string[][] = [];
  for (const op of ops) {
    for (const mode of modes) {
      for (const id of targets) {
        const c = cellOf(cells, id, op.name, mode)!;
        rows.push([
          op.name,
          mode,
          labelOf(id, run.baseline),
          int(c.rps),
          `±${Math.round((c.spread * 100) / 2)}%`,
          ms(c.p50Ms),
          ms(c.p99Ms),
          c.peakRssMb.toFixed(0),
          cores(c.serverCores),
          cores(c.loadGeneratorCores),
          cores(c.otherCoresMax),
          String(run.responseBytes(op.name, mode)),
        ]);
      }
    }
  }
  console.log(
    `\nresults (median of ${run.rounds} round(s) of ${run.durationSec} s, ${run.connections} connections; ` +
      '±: half the spread of the rounds; latency from the load generator;\n' +
      ' RSS: peak of the target; srv cpu / gen cpu: cores used by the target / the load generator; ' +
      'other: the most any round saw other processes use; bytes: response size)\n',
  );
  const headers = ['op', 'mode', 'target', 'req/s', '±', 'p50 ms', 'p99 ms', 'RSS MB'];
  console.log(table([...headers, 'srv cpu', 'gen cpu', 'other', 'bytes'], rows, 3));

  const others = targets.filter((t) => t !== 'shipped');
  const ratios: Ratio[] = [];
  const ratioRows: string[][] = [];
  for (const op of ops) {
    for (const mode of modes) {
      const mine = cellOf(cells, 'shipped', op.name, mode)!;
      const row: string[] = [op.name, mode];
      for (const other of others) {
        const theirs = cellOf(cells, other, op.name, mode)!;
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
  if (run.baseline) {
    const rows = ratios
      .filter((r) => r.versus === 'baseline')
      .map((r) => [r.op, r.mode, ratio(r.rps), ratio(r.p99)]);
    console.log(
      `\ncurrent ÷ baseline ${refAndCommit(run.baseline)}: req/s above 1× is faster, ` +
        'p99 below 1× is faster\n',
    );
    console.log(table(['op', 'mode', 'req/s', 'p99'], rows, 2));
  }
  return ratios;
}

/** The README's goals for this server, checked against this run; printed, never asserted. */
export function checkGoals(cells: readonly Cell[], startupPeakMb: number | null): Goal[] {
  const goals: Goal[] = [];
  const shippedCells = cells.filter((c) => c.target === 'shipped');
  for (const c of shippedCells) {
    const ceiling = cellOf(cells, 'ceiling', c.op, c.mode);
    const merc = cellOf(cells, 'mercurius', c.op, c.mode);
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
  const peak = Math.max(...shippedCells.map((c) => c.peakRssMb), startupPeakMb ?? 0);
  goals.push({ goal: 'peak RSS < 150 MB', met: peak < 150, detail: `${peak.toFixed(0)} MB` });
  console.log(`\ngoals (not assertions): ${goals.filter((g) => g.met).length} of ${goals.length} met`);
  console.log(
    table(
      ['goal', 'met', 'value'],
      goals.map((g) => [g.goal, g.met ? 'yes' : 'NO', g.detail]),
      2,
    ),
  );
  return goals;
}

export function machine(): Record<string, unknown> {
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

export function distBuiltAt(): string | null {
  try {
    return statSync(join(ROOT, 'dist', 'main.js')).mtime.toISOString();
  } catch {
    return null; // no build yet
  }
}

/** Which commit the numbers belong to, read before the build (the tree may move on meanwhile). */
export function gitState(built: boolean): GitState {
  const status = git(ROOT, ['status', '--porcelain', '--untracked-files=no']);
  return {
    commit: git(ROOT, ['rev-parse', 'HEAD']),
    changedFiles:
      status === null
        ? null
        : status
            .split('\n')
            .map((l) => l.slice(3).trim())
            .filter(Boolean),
    built,
    distBuiltAt: distBuiltAt(),
  };
}
