/**
 * One benchmark run: start the shipped server and record its answers (the reference), start the
 * other targets and check they answer the same, then per operation and mode a warm-up per target
 * and rounds that visit every target in a rotating order, so drift of the machine spreads evenly.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { recordOf, type Baseline } from './baseline';
import { compare, hasErrors, printChecks, type Check } from './checks';
import { int, median, medianOrNull } from './format';
import { LoadGenerator, loadOnce } from './load-generator';
import { MODES, OPERATIONS, bodyOf, queryOf, type Mode, type Operation } from './operations';
import { STANDARD_TARGETS, type Options, type TargetId } from './options';
import { ROOT } from './paths';
import { stopChild } from './processes';
import { readmeTable } from './readme-table';
import { checkGoals, labelOf, machine, printResults } from './report';
import { writeResults, type Cell, type GitState, type Round } from './results';
import { drainLog, post, startTarget, type Post, type RunningTarget } from './targets';

/** Above this much CPU used by other processes during a run, the run is flagged. */
const OTHER_CPU_WARNING = 0.25;
/** Measurements repeated at most this many times when other processes were busy (see retryBudgetSec). */
const MAX_RETRIES = 2;
/** …and all the repeats together take at most this fraction of the planned load time. */
const RETRY_BUDGET = 0.1;

const busy = (cpu: { otherCores: number | null }): boolean => (cpu.otherCores ?? 0) > OTHER_CPU_WARNING;

/** The shipped server's answers, by `op/mode`: what every other target is checked against. */
type Reference = Map<string, Buffer>;

async function recordReference(shipped: RunningTarget, ops: readonly Operation[]) {
  const reference: Reference = new Map();
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
  return { reference, responses: { exact, byOperationName } };
}

async function checkAnswers(
  running: Map<TargetId, RunningTarget>,
  ops: readonly Operation[],
  reference: Reference,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const [id, target] of running) {
    if (id === 'shipped') continue;
    for (const op of ops) {
      for (const mode of MODES) {
        const got = await post(target.url, bodyOf(op, mode)).catch((e: unknown): Post => ({
          status: 0,
          bytes: Buffer.from(String(e)),
        }));
        checks.push({ target: id, op: op.name, mode, ...compare(reference.get(`${op.name}/${mode}`)!, got) });
      }
    }
    drainLog(target);
  }
  return checks;
}

/** Median numbers of one target's rounds. */
function cellOfRounds(target: TargetId, op: Operation, mode: Mode, rs: Round[]): Cell {
  const rps = median(rs.map((x) => x.rps));
  return {
    target,
    op: op.name,
    mode,
    rps,
    p50Ms: median(rs.map((x) => x.p50Ms)),
    p99Ms: median(rs.map((x) => x.p99Ms)),
    peakRssMb: Math.max(...rs.map((x) => x.peakRssMb)),
    spread: rps > 0 ? (Math.max(...rs.map((x) => x.rps)) - Math.min(...rs.map((x) => x.rps))) / rps : 0,
    serverCores: medianOrNull(rs.map((x) => x.serverCores)),
    loadGeneratorCores: medianOrNull(rs.map((x) => x.loadGeneratorCores)),
    otherCoresMax: rs.some((x) => x.otherCores === null) ? null : Math.max(...rs.map((x) => x.otherCores!)),
    non2xx: rs.reduce((s, x) => s + x.non2xx, 0),
    errors: rs.reduce((s, x) => s + x.errors + x.timeouts, 0),
    rounds: rs,
  };
}

async function measureAll(
  options: Options,
  loader: LoadGenerator,
  running: Map<TargetId, RunningTarget>,
  estimateSec: number,
): Promise<Cell[]> {
  const { ops, modes, targets, warmupSec, durationSec, rounds, connections } = options;
  const cells: Cell[] = [];
  // repeats of noisy runs may add at most a tenth of the planned load time
  let retryBudgetSec = RETRY_BUDGET * estimateSec;
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
            loadOnce(loader, running.get(id)!, op, mode, durationSec, connections, `${id}-r${r}-a${attempt}`);
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
      for (const id of targets) cells.push(cellOfRounds(id, op, mode, byTarget.get(id)!));
    }
  }
  return cells;
}

export async function benchmark(
  options: Options,
  tmp: string,
  git: GitState,
  baseline: Baseline | null,
): Promise<void> {
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
    const probe = bodyOf(ops[0]!, 'repeated');
    const shipped = await startTarget('shipped', tmp, probe);
    running.set('shipped', shipped);
    const { reference, responses } = await recordReference(shipped, ops);

    const responsesFile = join(tmp, 'responses.json');
    writeFileSync(responsesFile, JSON.stringify(responses));
    for (const id of targets) {
      if (id === 'shipped') continue;
      const extra = id === 'baseline' ? { baselineDir: baseline!.dir } : { responsesFile };
      running.set(id, await startTarget(id, tmp, probe, extra));
    }
    for (const t of running.values()) {
      console.log(
        `  started ${t.id.padEnd(9)} pid ${t.pid}  ${t.url}  startup peak RSS ${t.startupPeakMb?.toFixed(1) ?? '?'} MB`,
      );
    }

    const checks = await checkAnswers(running, ops, reference);
    printChecks(checks, targets);

    const loadStarted = Date.now();
    const cells = await measureAll(options, loader, running, estimate);
    console.log(`\n\nload done in ${((Date.now() - loadStarted) / 60000).toFixed(1)} min`);

    const ratios = printResults(cells, {
      ...options,
      responseBytes: (op, mode) => reference.get(`${op}/${mode}`)!.length,
      baseline,
    });
    const goals = checkGoals(cells, shipped.startupPeakMb);
    const m = machine();
    console.log(`\nmachine: ${m.cpuCount} × ${m.cpuModel}, ${m.totalMemoryMb} MB, node ${m.node}, ${m.os}`);

    const finished = new Date();
    const full =
      !options.quick &&
      ops.length === OPERATIONS.length &&
      modes.length === MODES.length &&
      STANDARD_TARGETS.every((t) => targets.includes(t));
    const data = {
      schemaVersion: 1 as const,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      wallSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
      quick: options.quick,
      config: { warmupSec, durationSec, rounds, connections, ops: ops.map((o) => o.name), modes, targets },
      machine: m,
      git,
      baseline: baseline && recordOf(baseline),
      method: [
        'Each target is its own process, started from compiled JavaScript (dist/main.js; bench/dist/targets/*.js).',
        'Load: autocannon in a separate process, POST JSON, keep-alive, one target under load at a time.',
        'Per operation and mode: a warm-up per target, then rounds visiting every target in a rotating order.',
        'req/s, p50 and p99 are medians over the rounds; latency is measured per response in microseconds.',
        'CPU from /proc per run; a run where other processes used > 0.25 cores is repeated (at most twice, within a tenth of the planned time), keeping the quietest attempt.',
        'Peak RSS: VmHWM of the target, reset (clear_refs 5) before each run, max over the rounds; startupPeakMb is before any load.',
        'Unique: the operation plus `nonce: level(id: $nonce) { id }` with a new $nonce every request (answers null).',
        'The ceiling answers unique operations with one representative response recorded from this server.',
        ...(baseline
          ? [
              'Baseline: this server at another commit, built in a temporary git worktree (dist/main.js) and started exactly as the shipped one, on the same content.',
            ]
          : []),
      ],
      targets: [...running.values()].map((t) => ({
        id: t.id,
        label: labelOf(t.id, baseline),
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
    };
    const files = writeResults(full ? 'latest' : 'latest-partial', data);
    console.log(`\nthe README's table for this run (bench/http/readme-table.ts prints it again):\n`);
    console.log(readmeTable(data));
    console.log(`\nresults: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
  } finally {
    await Promise.all([...running.values()].map((t) => stopChild(t.child)));
    await loader.close();
  }
}
