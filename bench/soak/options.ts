/** The command line and environment of `npm run bench:soak`, checked before anything starts. */
import { OPERATIONS, OP_NAMES, type Operation } from '../http/operations';

/** Everything one soak run needs to know. */
export interface SoakOptions {
  readonly build: boolean;
  /** Requests in each flood phase (unique documents, then unique variables). */
  readonly requests: number;
  readonly connections: number;
  /** Seconds of quiet after the floods, one small request a second. */
  readonly quietSec: number;
  /** Seconds between samples of RSS and heap. */
  readonly sampleSec: number;
  /** The operation whose document or variables are made unique. */
  readonly op: Operation;
  /** Extra node flags for the server (V8 experiments); none as shipped. */
  readonly nodeArgs: readonly string[];
}

export class SoakUsageError extends Error {}

export const SOAK_USAGE = `usage: npm run bench:soak -- [--no-build] [--op tiny|level|matrix|diff|search] [--node-arg <flag>]...
env: SOAK_REQUESTS (per flood, default 100000), SOAK_CONNECTIONS (20), SOAK_QUIET (seconds, 30),
     SOAK_SAMPLE (seconds, 2); RESPONSE_CACHE_BYTES and other server variables pass through`;

function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new SoakUsageError(`${name}=${raw} is not allowed: a whole number from ${min} to ${max}`);
  return value;
}

export function parseSoakOptions(argv: readonly string[]): SoakOptions {
  let build = true;
  let op = OPERATIONS.find((o) => o.name === 'level')!;
  const nodeArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-build') build = false;
    else if (arg === '--op') {
      const name = argv[++i];
      const found = OPERATIONS.find((o) => o.name === name);
      if (!found) throw new SoakUsageError(`--op takes one of ${OP_NAMES.join(', ')}`);
      op = found;
    } else if (arg === '--node-arg') {
      const flag = argv[++i];
      // V8 and Node flags only: nothing that would run other code in the server
      if (!flag || !/^--[a-z0-9-]+(=[\w.-]+)?$/.test(flag) || /^--(require|import|loader|eval)/.test(flag))
        throw new SoakUsageError(`--node-arg takes one flag such as --max-semi-space-size=16, got ${flag}`);
      nodeArgs.push(flag);
    } else if (arg === '--help' || arg === '-h') throw new SoakUsageError('');
    else throw new SoakUsageError(`unknown argument ${arg}`);
  }
  const connections = envNumber('SOAK_CONNECTIONS', 20, 1, 200);
  return {
    build,
    requests: envNumber('SOAK_REQUESTS', 100_000, connections, 1_000_000),
    connections,
    quietSec: envNumber('SOAK_QUIET', 30, 0, 600),
    sampleSec: envNumber('SOAK_SAMPLE', 2, 1, 60),
    op,
    nodeArgs,
  };
}
