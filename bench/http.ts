/**
 * `npm run bench`: this server (dist/main.js, as the image starts it), a bare node:http ceiling
 * and mercurius on the same schema and content, loaded in turn with autocannon on the five
 * operations, each repeated (the same body) and unique (a new variable every request). Rounds
 * rotate the targets' order, so the machine's drift falls on all of them alike. Prints req/s, p99,
 * the ratios ours / mercurius and ours / ceiling, and peak RSS; writes bench/results/latest.json.
 *
 *   npm run bench                    warm-up 1.5 s, 3 rounds of 4 s per target, operation and mode
 *   npm run bench:quick              warm-up 0.5 s, 1 round of 1 s (results/quick.json)
 *   npm run bench -- --only level,search
 *   npm run bench -- --before DIR    adds the server of another checkout (DIR/dist/main.js, built
 *                                    there) on this content: ours / before, same machine, same run
 *   npm run bench -- --profile       this server under --cpu-prof, unique `level` load (or the first
 *                                    of --only); the .cpuprofile is left in bench/results/
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import {
  OPERATIONS,
  RESULTS,
  ROOT,
  bodyOf,
  imageNodeFlags,
  load,
  post,
  resetPeak,
  startTarget,
  statusMb,
  stopTarget,
  templateOf,
  type Mode,
  type Operation,
  type Target,
} from './common';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',') : null;
const beforeAt = args.indexOf('--before');
const beforeDir = beforeAt >= 0 ? resolve(args[beforeAt + 1] ?? '.') : null;
const ops = OPERATIONS.filter((op) => !only || only.includes(op.name));
if (ops.length === 0) throw new Error(`--only takes some of ${OPERATIONS.map((o) => o.name).join(',')}`);
const MODES = ['repeated', 'unique'] as const;
const settings = quick
  ? { warmupSec: 0.5, durationSec: 1, rounds: 1, connections: 10, profileSec: 5 }
  : { warmupSec: 1.5, durationSec: 4, rounds: 3, connections: 10, profileSec: 10 };
type TargetName = 'ours' | 'before' | 'mercurius' | 'ceiling';
const TARGETS: TargetName[] = beforeDir
  ? ['ours', 'before', 'mercurius', 'ceiling']
  : ['ours', 'mercurius', 'ceiling'];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fixed = (x: number, digits = 2): string => x.toFixed(digits);

async function startOurs(extraFlags: string[] = [], dir = ROOT, name = 'ours'): Promise<Target> {
  const main = join(dir, 'dist', 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: npm run build${dir === ROOT ? '' : ` in ${dir}`}`);
  return startTarget(name, [...imageNodeFlags(), ...extraFlags, main], bodyOf(ops[0]!, 'repeated'));
}

/** One measured run: the target's peak RSS is reset before and read after. */
async function measure(target: Target, op: Operation, mode: Mode, seconds: number, tag: string) {
  resetPeak(target.pid);
  const result = await load({
    url: target.url,
    template: templateOf(op, mode),
    ...(mode === 'unique' ? { tag } : {}),
    connections: settings.connections,
    durationSec: seconds,
  });
  if (target.child.exitCode !== null) throw new Error(`${target.name} died under load:\n${target.output}`);
  if (result.failures > 0)
    throw new Error(`${target.name} ${op.name}/${mode}: ${result.failures} failed requests`);
  return { ...result, peakRssMb: statusMb(target.pid, 'VmHWM') };
}

async function runProfile(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const op = ops.find((o) => o.name === 'level') ?? ops[0]!;
  const name = `ours-${op.name}-unique-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
  const ours = await startOurs(['--cpu-prof', `--cpu-prof-dir=${RESULTS}`, `--cpu-prof-name=${name}`]);
  try {
    await measure(ours, op, 'unique', settings.warmupSec, 'profile-warmup');
    const result = await measure(ours, op, 'unique', settings.profileSec, 'profile');
    console.log(
      `${op.name}/unique under --cpu-prof: ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms`,
    );
  } finally {
    // the profile is written when the server exits
    await stopTarget(ours, 20_000);
  }
  console.log(`profile: ${relative(ROOT, join(RESULTS, name))} (open it in Chrome DevTools or VS Code)`);
}

/** bench/targets.ts as plain JavaScript in bench/dist/, where node resolves the repository's packages. */
function transpileTargets(): string {
  const out = join(ROOT, 'bench', 'dist', 'targets.js');
  mkdirSync(join(ROOT, 'bench', 'dist'), { recursive: true });
  const source = readFileSync(join(ROOT, 'bench', 'targets.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  writeFileSync(out, outputText);
  return out;
}

async function benchmark(): Promise<void> {
  const started = new Date();
  const running = new Map<TargetName, Target>();
  const responses = join(os.tmpdir(), `cfa-bench-responses-${process.pid}.json`);
  try {
    const ours = await startOurs();
    running.set('ours', ours);
    // this server's answers: what mercurius is checked against and what the ceiling sends back
    const reference = new Map<string, string>();
    const recorded: Record<string, string> = {};
    for (const op of ops)
      for (const mode of MODES) {
        const body = bodyOf(op, mode);
        const answer = await fetchAnswer(ours, body);
        reference.set(`${op.name}/${mode}`, answer);
        recorded[body] = answer;
        if (mode === 'unique') recorded[op.operationName] = answer;
      }
    writeFileSync(responses, JSON.stringify(recorded));
    const targets = transpileTargets();
    const probe = bodyOf(ops[0]!, 'repeated');
    running.set('mercurius', await startTarget('mercurius', [targets, 'mercurius'], probe));
    if (beforeDir) running.set('before', await startOurs([], beforeDir, 'before'));
    running.set(
      'ceiling',
      await startTarget('ceiling', [targets, 'ceiling'], probe, { BENCH_RESPONSES: responses }),
    );

    // equal work is the point of the comparison: every target must answer the same data
    for (const [name, target] of running)
      for (const op of ops)
        for (const mode of MODES) {
          const got = await fetchAnswer(target, bodyOf(op, mode));
          if (!isDeepStrictEqual(JSON.parse(got), JSON.parse(reference.get(`${op.name}/${mode}`)!)))
            throw new Error(`${name} answers ${op.name}/${mode} differently: ${got.slice(0, 300)}`);
        }
    console.log(
      `checks: ${running.size} targets answer the same data to ${ops.length * MODES.length} requests`,
    );

    const rows: Row[] = [];
    for (const op of ops)
      for (const mode of MODES) {
        const rounds = new Map<TargetName, Awaited<ReturnType<typeof measure>>[]>(
          TARGETS.map((t) => [t, []]),
        );
        for (const name of TARGETS)
          await measure(running.get(name)!, op, mode, settings.warmupSec, `w-${name}`);
        for (let r = 0; r < settings.rounds; r++)
          for (let i = 0; i < TARGETS.length; i++) {
            const name = TARGETS[(i + r) % TARGETS.length]!;
            const tag = `${name}-${r}-${Math.random().toString(36).slice(2, 8)}`;
            rounds.get(name)!.push(await measure(running.get(name)!, op, mode, settings.durationSec, tag));
          }
        const cells = Object.fromEntries(
          TARGETS.map((t) => {
            const rs = rounds.get(t)!;
            const [rps, p99Ms] = [median(rs.map((x) => x.rps)), median(rs.map((x) => x.p99Ms))];
            return [
              t,
              { rps: Math.round(rps), p99Ms, peakRssMb: Math.max(...rs.map((x) => x.peakRssMb ?? 0)) },
            ];
          }),
        ) as Cells;
        const oursPerMercurius = cells.ours.rps / cells.mercurius.rps;
        const row: Row = {
          op: op.name,
          mode,
          ...cells,
          oursPerMercurius,
          oursPerCeiling: cells.ours.rps / cells.ceiling.rps,
          ...(cells.before ? { oursPerBefore: cells.ours.rps / cells.before.rps } : {}),
        };
        rows.push(row);
        process.stdout.write(`${op.name}/${mode} `);
      }
    console.log();
    console.table(
      rows.map((r) => ({
        operation: `${r.op}/${r.mode}`,
        ...Object.fromEntries(TARGETS.map((t) => [`${t} req/s`, r[t]!.rps])),
        'ours/mercurius': `${fixed(r.oursPerMercurius)}×`,
        'ours/ceiling': `${fixed(r.oursPerCeiling)}×`,
        ...(r.oursPerBefore ? { 'ours/before': `${fixed(r.oursPerBefore)}×` } : {}),
        ...Object.fromEntries(TARGETS.map((t) => [`${t} p99 ms`, fixed(r[t]!.p99Ms)])),
        ...Object.fromEntries(TARGETS.slice(0, -1).map((t) => [`${t} peak RSS MB`, r[t]!.peakRssMb])),
      })),
    );
    const peakRssMb = Object.fromEntries(
      TARGETS.map((t) => [t, Math.max(...rows.map((r) => r[t]!.peakRssMb))] as const),
    ) as Partial<Record<TargetName, number>>;
    const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
    const summary: Record<string, Record<string, number>> = {};
    for (const mode of MODES) {
      const mine = rows.filter((r) => r.mode === mode);
      const ratios: Record<string, number> = {
        oursPerMercurius: geomean(mine.map((r) => r.oursPerMercurius)),
        oursPerCeiling: geomean(mine.map((r) => r.oursPerCeiling)),
        ...(beforeDir ? { oursPerBefore: geomean(mine.map((r) => r.oursPerBefore!)) } : {}),
      };
      summary[mode] = ratios;
      console.log(
        `${mode}, geometric means: ${Object.entries(ratios)
          .map(([k, v]) => `${k.replace('oursPer', 'ours / ').toLowerCase()} ${fixed(v)}×`)
          .join(', ')}`,
      );
    }
    console.log(`peak RSS under load: ${TARGETS.map((t) => `${t} ${peakRssMb[t]} MB`).join(', ')}`);

    const file = join(RESULTS, quick || only ? 'quick.json' : 'latest.json');
    mkdirSync(RESULTS, { recursive: true });
    const data = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: git(['rev-parse', 'HEAD']),
      dirty: git(['status', '--porcelain', '--', 'src', 'package-lock.json']) !== '',
      node: process.version,
      before: beforeDir && { dir: beforeDir, commit: git(['rev-parse', 'HEAD'], beforeDir) },
      serverFlags: imageNodeFlags(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.release()}`,
      settings,
      operations: ops.map((op) => ({
        name: op.name,
        repeated: bodyOf(op, 'repeated'),
        unique: bodyOf(op, 'unique'),
      })),
      results: rows,
      summary,
      peakRssMb,
    };
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
    console.log(`results: ${relative(ROOT, file)}`);
  } finally {
    await Promise.all([...running.values()].map((t) => stopTarget(t)));
    rmSync(responses, { force: true });
  }
}

async function fetchAnswer(target: Target, body: string): Promise<string> {
  const got = await post(target.url, body);
  const json = JSON.parse(got.text) as { data?: unknown; errors?: unknown };
  if (got.status !== 200 || json.errors || !json.data)
    throw new Error(`${target.name} answered ${got.status}: ${got.text.slice(0, 300)}`);
  return got.text;
}

function git(gitArgs: string[], cwd = ROOT): string | null {
  try {
    return execFileSync('git', gitArgs, { cwd, encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return null;
  }
}

type Cell = { rps: number; p99Ms: number; peakRssMb: number };
type Cells = Record<Exclude<TargetName, 'before'>, Cell> & { before?: Cell };
type Row = Cells & {
  op: string;
  mode: Mode;
  oursPerMercurius: number;
  oursPerCeiling: number;
  oursPerBefore?: number;
};

(profile ? runProfile() : benchmark()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
