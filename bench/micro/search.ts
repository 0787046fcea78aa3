/**
 * `npx tsx bench/micro/search.ts [content-dir]`: how long one search takes on the bundled content, for
 * everyday queries and for the costliest ones the API accepts (200 characters, limit 100): 80
 * one-letter words, and 200 characters of distinct words, real ones from the content (every one a
 * match) and made-up ones (every one a typo to expand). Prints the median and the 90th percentile of
 * 41 runs after a warm-up, in milliseconds, and how many hits each answer had.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent } from '../../src/content/load';
import { FrameworkSearch } from '../../src/domain/search';
import { words } from '../../src/domain/text/words';
import { random } from './synthetic-text';

const CONTENT_DIR = resolve(process.argv[2] ?? resolve(__dirname, '../../content'));
const MAX_QUERY = 200;
const LIMIT = 100;

/** Distinct words joined by spaces, as many as fit in MAX_QUERY characters. */
function fill(candidates: Iterable<string>): string {
  let query = '';
  for (const word of new Set(candidates)) {
    const next = query ? `${query} ${word}` : word;
    if (next.length > MAX_QUERY) break;
    query = next;
  }
  return query;
}

function madeUpWords(seed: number): string[] {
  const next = random(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: 100 }, () =>
    Array.from({ length: 5 + Math.floor(next() * 4) }, () => letters[Math.floor(next() * 26)]).join(''),
  );
}

function time(search: FrameworkSearch, query: string): { median: number; p90: number; hits: number } {
  const hits = search.search(query, { limit: LIMIT }).length;
  const until = performance.now() + 300;
  while (performance.now() < until) search.search(query, { limit: LIMIT });
  const samples: number[] = [];
  for (let s = 0; s < 41; s++) {
    const t0 = performance.now();
    search.search(query, { limit: LIMIT });
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[20]!, p90: samples[36]!, hits };
}

async function main(): Promise<void> {
  const loaded = await loadContent(CONTENT_DIR);
  if (!loaded.ok) throw new Error('the content does not load');
  const framework = loaded.framework;
  const t0 = performance.now();
  const search = new FrameworkSearch(framework);
  console.log(`index built in ${(performance.now() - t0).toFixed(1)} ms (node ${process.version})`);

  const contentWords = framework.levels.flatMap((l) =>
    l.competencies.flatMap((c) => [...c.expectations, ...c.examples].flatMap((i) => words(i.text))),
  );
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const queries: [string, string][] = [
    ['"incident"', 'incident'],
    ['"reliab" (prefix)', 'reliab'],
    ['"incidnt" (typo)', 'incidnt'],
    ['"mentor junior engineers"', 'mentor junior engineers'],
    ['80 one-letter words', Array.from({ length: 80 }, (_, i) => letters[i % 26]).join(' ')],
    ['200 chars of distinct content words', fill(contentWords.filter((w) => w.length > 2))],
    ['200 chars of distinct long content words', fill(contentWords.filter((w) => w.length > 7))],
    ['200 chars of distinct made-up words', fill(madeUpWords(7))],
  ];
  for (const [name, query] of queries) {
    const { median, p90, hits } = time(search, query);
    console.log(
      `${name.padEnd(42)} median ${median.toFixed(2).padStart(7)} ms  p90 ${p90.toFixed(2).padStart(7)} ms  ${hits} hits`,
    );
  }
}

void main();
