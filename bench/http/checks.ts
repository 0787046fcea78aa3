/**
 * Equal work is the point of the comparison, so before any load every target's answer to every
 * operation must match the shipped server's: byte-identical, JSON-equal, or a loud warning.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Mode, OpName } from './operations';
import type { TargetId } from './options';
import type { Post } from './targets';

/** How one target's answer to one operation compares with the shipped server's. */
export interface Check {
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

/** Whether a reference answer is unusable: not JSON, with errors, or without data. */
export function hasErrors(bytes: Buffer): boolean {
  const json = jsonOf(bytes) as { errors?: unknown; data?: unknown } | undefined;
  return json === undefined || json.errors !== undefined || json.data === undefined || json.data === null;
}

export function compare(reference: Buffer, got: Post): Pick<Check, 'result' | 'detail'> {
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

/** Prints each target's checks: counts, then every difference and failure. */
export function printChecks(checks: readonly Check[], targets: readonly TargetId[]): void {
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
}
