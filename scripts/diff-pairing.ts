/**
 * `npx tsx scripts/diff-pairing.ts [content-dir]`: what counterpart pairing (src/domain/diff/counterparts.ts) adds
 * on the bundled content, and the numbers COUNTERPART_THRESHOLD was calibrated on:
 *
 * - adjacent levels of each track, both ways: the pairs counterparts add to those of rewordings, and
 *   the highest counterpart score of a pair left unpaired (what the threshold must stay above);
 * - the two tracks level by level: pairs found without and with counterparts, each new pair's score;
 * - whether best-first pairing and an optimal assignment (brute force over the few candidates) agree.
 *
 * Not a benchmark (`npm run bench:micro -- diff` times the diff): the calibration it prints is counts.
 */
import { resolve } from 'node:path';
import { loadContent } from '../src/content/load';
import { COUNTERPART_THRESHOLD, counterpartScore, TermWeights } from '../src/domain/diff/counterparts';
import { diffLevels } from '../src/domain/diff/levels';
import type { LevelDiff } from '../src/domain/diff/types';
import type { Level } from '../src/domain/entities';

// The bundled content, or the directory given as the first argument.
const CONTENT_DIR = resolve(process.argv[2] ?? resolve(__dirname, '../content'));
const KINDS = ['expectations', 'examples'] as const;
const WITHOUT = { counterpartThreshold: 2 };

const pairs = (d: LevelDiff): string[] =>
  d.competencies.flatMap((c) =>
    KINDS.flatMap((kind) =>
      c[kind]
        .filter((t) => t.from !== null && t.to !== null)
        .map((t) => `${c.slug}/${kind}: ${t.from} → ${t.to}`),
    ),
  );
const itemTexts = (l: Level) =>
  l.competencies.flatMap((c) => [...c.expectations, ...c.examples].map((i) => i.text));
const weightsOf = (a: Level, b: Level) => TermWeights.over([...itemTexts(a), ...itemTexts(b)]);

/** Each competency's removed × added items of one kind, with their counterpart score. */
function leftovers(d: LevelDiff, weights: TermWeights): { score: number; from: string; to: string }[] {
  return d.competencies.flatMap((c) =>
    KINDS.flatMap((kind) => {
      const removed = c[kind].filter((t) => t.status === 'removed').map((t) => t.from!);
      const added = c[kind].filter((t) => t.status === 'added').map((t) => t.to!);
      return removed.flatMap((from) =>
        added.map((to) => ({ score: counterpartScore(from, to, weights), from, to })),
      );
    }),
  );
}

/** Highest total score of a one-to-one choice among these edges (brute force; there are few). */
function bestTotal(edges: readonly { from: string; to: string; score: number }[]): number {
  const froms = [...new Set(edges.map((e) => e.from))];
  const go = (k: number, used: Set<string>): number => {
    if (k === froms.length) return 0;
    let best = go(k + 1, used);
    for (const e of edges)
      if (e.from === froms[k] && !used.has(e.to)) {
        used.add(e.to);
        best = Math.max(best, e.score + go(k + 1, used));
        used.delete(e.to);
      }
    return best;
  };
  return go(0, new Set());
}

async function main(): Promise<void> {
  const loaded = await loadContent(CONTENT_DIR);
  if (!loaded.ok) throw new Error('the bundled content does not load');
  const fw = loaded.framework;
  console.log(`COUNTERPART_THRESHOLD ${COUNTERPART_THRESHOLD}`);

  let adjacentPairs = 0;
  let adjacentDifferent = 0;
  let noise = { score: 0, from: '', to: '' };
  for (const track of fw.tracks) {
    const levels = fw.visibleLevels(track);
    for (let k = 1; k < levels.length; k++)
      for (const [a, b] of [
        [levels[k - 1]!, levels[k]!],
        [levels[k]!, levels[k - 1]!],
      ] as const) {
        const before = pairs(diffLevels(a, b, WITHOUT));
        const after = diffLevels(a, b);
        const now = pairs(after);
        adjacentPairs += now.length;
        if (before.join('\n') !== now.join('\n')) {
          adjacentDifferent++;
          console.log(`  ${a.id} → ${b.id}: pairs differ`);
          for (const p of now.filter((x) => !before.includes(x))) console.log(`    + ${p}`);
        }
        for (const l of leftovers(after, weightsOf(a, b))) if (l.score > noise.score) noise = l;
      }
  }
  console.log(
    `adjacent levels, both ways: ${adjacentPairs} pairs (changed + unchanged), ${adjacentDifferent} diffs whose pairs differ with counterparts`,
  );
  console.log(
    `  highest unpaired counterpart score: ${noise.score.toFixed(3)}  ${noise.from}  ≠  ${noise.to}`,
  );

  let disagreements = 0;
  for (const rank of [1, 2, 3, 4, 5]) {
    const a = fw.level(`software-engineer/L${rank}`);
    const b = fw.level(`site-reliability-engineer/L${rank}`);
    if (!a || !b) continue;
    const weights = weightsOf(a, b);
    const before = diffLevels(a, b, WITHOUT);
    const after = diffLevels(a, b);
    const count = (d: LevelDiff) => d.summary.changed + d.summary.unchanged;
    console.log(`${a.id} vs ${b.id}: ${count(before)} pairs without counterparts, ${count(after)} with`);
    const old = new Set(pairs(before));
    for (const c of after.competencies)
      for (const kind of KINDS)
        for (const t of c[kind])
          if (t.from !== null && t.to !== null && !old.has(`${c.slug}/${kind}: ${t.from} → ${t.to}`))
            console.log(`  + ${counterpartScore(t.from, t.to, weights).toFixed(3)}  ${t.from}  ~  ${t.to}`);
    // Best-first against optimal, over the candidates that rewordings left.
    for (const c of before.competencies)
      for (const kind of KINDS) {
        const removed = c[kind].filter((t) => t.status === 'removed').map((t) => t.from!);
        const added = c[kind].filter((t) => t.status === 'added').map((t) => t.to!);
        const edges = removed
          .flatMap((from) => added.map((to) => ({ from, to, score: counterpartScore(from, to, weights) })))
          .filter((e) => e.score >= COUNTERPART_THRESHOLD);
        const counterpart = after.competencies.find((x) => x.slug === c.slug)!;
        const chosen = counterpart[kind].filter((t) => t.status === 'changed' && removed.includes(t.from!));
        const greedy = chosen.reduce((sum, t) => sum + counterpartScore(t.from!, t.to!, weights), 0);
        if (Math.abs(greedy - bestTotal(edges)) > 1e-9) disagreements++;
      }
  }
  console.log(`best-first and optimal assignment disagree on ${disagreements} item lists`);
}

void main();
