/**
 * `npm run bench:diff`: how long diffLevels takes for competencies of 10, 100 and 1,000 items, for a
 * worst case of 1,000 items that all look alike, and for two bundled levels (SRE L2 → L3) loaded with
 * the real loader. Prints the median of several
 * runs after a warm-up, and how the time grows with size, so a change that makes pairing quadratic in
 * the expensive part shows up as a growth factor near 100 rather than near 10.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent } from '../../src/content/load';
import { diffLevels } from '../../src/domain/diff/levels';
import type { Level } from '../../src/domain/entities';
import { Framework, type CompetencyData, type LevelData } from '../../src/domain/framework';
import { ADJECTIVES, ENDINGS, OBJECTS, SUBJECTS, VERBS, random } from './synthetic-text';

const SIZES = [10, 100, 1000];
const CONTENT_DIR = resolve(__dirname, '../../content');

const REWORDINGS: [string, string][] = [
  ['improve', 'measurably improve'],
  ['for my team.', 'for my team and its neighbours.'],
  ['review', 'thoroughly review'],
  ['I ', 'I help others to '],
  ['across several teams.', 'across the whole company.'],
  ['reliable', 'resilient'],
];

function sentenceMaker(next: () => number): () => string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  let serial = 0;
  // The serial keeps sentences distinct, as they are in real content.
  return () =>
    `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(ADJECTIVES)} ${pick(OBJECTS)} (#${++serial}) ${pick(ENDINGS)}`;
}

/** Two item lists of `size` sentences: about 45% kept, 30% reworded, 15% removed and 15% added. */
function syntheticItems(size: number, seed: number): { from: string[]; to: string[] } {
  const next = random(seed);
  const sentence = sentenceMaker(next);
  const from = Array.from({ length: size }, sentence);
  const to: string[] = [];
  for (const text of from) {
    const roll = next();
    if (roll < 0.45) to.push(text);
    else if (roll < 0.75) {
      const [old, replacement] = REWORDINGS[Math.floor(next() * REWORDINGS.length)]!;
      to.push(
        text.includes(old) ? text.replace(old, replacement) : `${text.slice(0, -1)} and keep it current.`,
      );
    } else if (roll < 0.9)
      continue; // removed
    else {
      to.push(text);
      to.push(sentence()); // added after a kept one
    }
  }
  return { from, to: to.slice(0, size) };
}

const at = { path: 'bench.md', line: 1 };

function syntheticLevel(code: string, rank: number, texts: readonly string[]): LevelData {
  // Three expectations to two examples, as in the bundled content.
  const split = Math.ceil((texts.length * 3) / 5);
  const competency: CompetencyData = {
    slug: 'domain-expertise',
    name: 'Domain expertise',
    emoji: null,
    source: at,
    expectations: texts.slice(0, split).map((text) => ({ text, source: at })),
    examples: texts.slice(split).map((text) => ({ text, source: at })),
  };
  return {
    code,
    rank,
    title: code,
    summary: null,
    status: 'published',
    attributes: [],
    competencies: [competency],
    source: at,
  };
}

/** Two levels of one track whose single competency has these expectations. */
function levelPair(from: string[], to: string[]): [Level, Level] {
  const framework = new Framework({
    version: 'bench',
    loadedAt: new Date(0),
    tracks: [
      {
        id: 'bench',
        name: 'Bench',
        description: null,
        source: null,
        levels: [syntheticLevel('L1', 1, from), syntheticLevel('L2', 2, to)],
      },
    ],
  });
  return [framework.level('bench/L1')!, framework.level('bench/L2')!];
}

function syntheticPair(size: number): [Level, Level] {
  const { from, to } = syntheticItems(size, size);
  return levelPair(from, to);
}

/**
 * The worst case for pairing rather than a realistic one: every sentence follows one template, so every
 * removed item is a candidate rewording of every added one and nothing can be pruned.
 */
function templatePair(size: number): [Level, Level] {
  const from = Array.from({ length: size }, (_, i) => `I maintain service number${i} and its alerts.`);
  const to = from.map((t, i) =>
    i % 3 === 0 ? t.replace('maintain', 'own') : i % 3 === 1 ? t : `New thing ${i}.`,
  );
  return levelPair(from, to);
}

const SAMPLES = 15;

/**
 * Median milliseconds per diff over SAMPLES samples, after a warm-up. Each sample repeats the diff for
 * at least 20 ms, so that timer resolution and one-off pauses do not decide the result.
 */
function time(from: Level, to: Level): number {
  const warmUpUntil = performance.now() + 200;
  let once = Infinity;
  while (performance.now() < warmUpUntil) {
    const t0 = performance.now();
    diffLevels(from, to);
    once = Math.min(once, performance.now() - t0);
  }
  const batch = Math.max(1, Math.ceil(20 / Math.max(once, 0.001)));
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) diffLevels(from, to);
    samples.push((performance.now() - t0) / batch);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

function counts(from: Level, to: Level): string {
  const s = diffLevels(from, to).summary;
  return `unchanged ${s.unchanged}, changed ${s.changed}, added ${s.added}, removed ${s.removed}`;
}

async function main(): Promise<void> {
  console.log(`diffLevels: median of ${SAMPLES} samples after warm-up (node ${process.version})`);
  let previous: number | null = null;
  for (const size of SIZES) {
    const [from, to] = syntheticPair(size);
    const ms = time(from, to);
    const growth = previous === null ? '' : `  ×${(ms / previous).toFixed(1)} for ×10 items`;
    console.log(
      `${String(size).padStart(5)} items: ${ms.toFixed(3).padStart(8)} ms  (${counts(from, to)})${growth}`,
    );
    previous = ms;
  }
  const [worstFrom, worstTo] = templatePair(1000);
  const worst = time(worstFrom, worstTo);
  console.log(
    ` 1000 items, one template (worst case): ${worst.toFixed(3)} ms  (${counts(worstFrom, worstTo)})`,
  );

  if (!existsSync(CONTENT_DIR)) {
    console.log(`bundled SRE L2 → L3: skipped, no content directory at ${CONTENT_DIR}`);
    return;
  }
  const loaded = await loadContent(CONTENT_DIR);
  const from = loaded.ok ? loaded.framework.level('site-reliability-engineer/L2') : null;
  const to = loaded.ok ? loaded.framework.level('site-reliability-engineer/L3') : null;
  if (!from || !to) {
    console.log('bundled SRE L2 → L3: skipped, the content does not load or lacks those levels');
    return;
  }
  console.log(`bundled SRE L2 → L3: ${time(from, to).toFixed(3)} ms  (${counts(from, to)})`);
}

void main();
