/** The command line and environment of `npm run bench`, checked before anything starts. */
import { MODES, OPERATIONS, OP_NAMES, type Mode, type OpName, type Operation } from './operations';

export const TARGET_IDS = ['shipped', 'baseline', 'ceiling', 'mercurius', 'apollo'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

/** The targets of a full run; `baseline` joins them only when --baseline names a commit. */
export const STANDARD_TARGETS: readonly TargetId[] = ['shipped', 'ceiling', 'mercurius', 'apollo'];

export const TARGET_LABELS: Record<TargetId, string> = {
  shipped: 'this server (as shipped)',
  baseline: 'baseline (same server, older commit)',
  ceiling: 'ceiling: node:http, same bytes',
  mercurius: 'mercurius + graphql-jit',
  apollo: 'Apollo standalone',
};

/** Everything a run needs to know, from argv and BENCH_* variables. */
export interface Options {
  readonly quick: boolean;
  readonly build: boolean;
  readonly profile: boolean;
  /** A git ref whose server is built in a temporary worktree and measured beside this one. */
  readonly baselineRef: string | null;
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

/** A mistake on the command line: printed with the usage, exit code 2 (0 for --help). */
export class UsageError extends Error {}

export const USAGE = `usage: npm run bench -- [--quick] [--only tiny,level,matrix,diff,search] [--mode repeated|unique]
                        [--targets shipped,ceiling,mercurius,apollo,baseline] [--baseline <git ref>]
                        [--no-build] [--profile]
env: BENCH_WARMUP, BENCH_DURATION (seconds), BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_PROFILE_SECONDS`;

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

export function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let build = true;
  let profile = false;
  let baselineRef: string | null = null;
  let only: OpName[] | null = null;
  let modes: Mode[] | null = null;
  let targets: TargetId[] | null = null;
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
    else if (flag === '--baseline') {
      const ref = value()?.trim();
      // a ref starting with "-" would reach git as an option
      if (!ref || ref.startsWith('-')) throw new UsageError('--baseline takes a git ref, e.g. c9a45c2');
      baselineRef = ref;
    } else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (profile && baselineRef) throw new UsageError('--profile profiles this server only; drop --baseline');
  const chosen = targets ?? [...STANDARD_TARGETS, ...(baselineRef ? (['baseline'] as const) : [])];
  if (chosen.includes('baseline') && !baselineRef)
    throw new UsageError('the baseline target needs --baseline <git ref>');
  if (baselineRef && !chosen.includes('baseline')) chosen.push('baseline');
  // the other targets are checked against, and the ceiling answers with, the shipped server's bytes
  if (!chosen.includes('shipped')) chosen.unshift('shipped');
  return {
    quick,
    build,
    profile,
    baselineRef,
    ops: OPERATIONS.filter((o) => (only ?? OP_NAMES).includes(o.name)),
    modes: MODES.filter((m) => (modes ?? MODES).includes(m)),
    // --profile takes the first --only and --mode given, else the full level, unique
    profileOp: OPERATIONS.find((o) => o.name === (only?.[0] ?? 'level'))!,
    profileMode: modes?.[0] ?? 'unique',
    targets: TARGET_IDS.filter((t) => chosen.includes(t)),
    warmupSec: envNumber('BENCH_WARMUP', quick ? 0.5 : 1.5, 0, 60),
    durationSec: envNumber('BENCH_DURATION', quick ? 1 : 4, 0.5, 120),
    rounds: Math.round(envNumber('BENCH_ROUNDS', quick ? 1 : 3, 1, 20)),
    connections: Math.round(envNumber('BENCH_CONNECTIONS', 10, 1, 200)),
    profileSec: envNumber('BENCH_PROFILE_SECONDS', 10, 1, 120),
  };
}
