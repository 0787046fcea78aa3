/**
 * The README's "Performance" table from a results file: this server's req/s, latency and peak RSS,
 * every other target's req/s, and this server's ratio to each (to the baseline: current ÷ baseline).
 * Printed at the end of every run; for an older file:
 *
 *   npx tsx bench/http/readme-table.ts [bench/results/latest.json]
 */
import { join } from 'node:path';
import { int, markdownTable } from './format';
import type { TargetId } from './options';
import { RESULTS_DIR } from './paths';
import { readResults, type ResultsFile } from './results';

const SHORT_NAMES: Record<TargetId, string> = {
  shipped: 'this server',
  baseline: 'baseline',
  ceiling: 'ceiling',
  mercurius: 'mercurius',
  apollo: 'Apollo',
};

/** Two decimals below 10×, one above: the precision the noise of a shared machine allows. */
const times = (n: number): string => `${n.toFixed(n >= 10 ? 1 : 2)}×`;

export function readmeTable(results: ResultsFile): string {
  const others = results.config.targets.filter((t) => t !== 'shipped');
  const name = (t: TargetId): string =>
    t === 'baseline' && results.baseline ? `baseline ${results.baseline.commit.slice(0, 7)}` : SHORT_NAMES[t];
  const headers = [
    'op',
    'mode',
    SHORT_NAMES.shipped,
    'p50 / p99 ms',
    'RSS MB',
    ...others.map(name),
    ...others.map((t) => `÷ ${name(t)}`),
  ];
  const rows: string[][] = [];
  for (const op of results.config.ops) {
    for (const mode of results.config.modes) {
      const cell = (t: TargetId) =>
        results.results.find((c) => c.target === t && c.op === op && c.mode === mode);
      const mine = cell('shipped');
      if (!mine) continue;
      rows.push([
        op,
        mode,
        int(mine.rps),
        `${mine.p50Ms.toFixed(2)} / ${mine.p99Ms.toFixed(2)}`,
        mine.peakRssMb.toFixed(0),
        ...others.map((t) => int(cell(t)?.rps ?? NaN)),
        ...others.map((t) => {
          const theirs = cell(t);
          return theirs ? times(mine.rps / theirs.rps) : '?';
        }),
      ]);
    }
  }
  return markdownTable(headers, rows);
}

if (require.main === module) {
  const file = process.argv[2] ?? join(RESULTS_DIR, 'latest.json');
  console.log(readmeTable(readResults(file)));
}
