/**
 * `npm run bench:micro [-- load,diff,history,worst,search]`: micro benchmarks on tinybench,
 * in process, from the sources (tsx). `npm run bench:load` and the like run one group.
 *
 *   load     the content loader on 1,000 generated level files and on the bundled content
 *   diff     the level diff for competencies of 10, 100 and 1,000 items and for SRE L2 → L3
 *   history  a repository of 1,000 versions: the versions list, an old version, a diff across versions
 *   worst    the costliest requests the limits accept, against a normal one (app.inject, no cache)
 *   search   short, prefix, typo and longest queries on the bundled content
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as git from 'isomorphic-git';
import pino from 'pino';
import { loadContent } from '../src/content/load';
import { diffLevels } from '../src/domain/diff/levels';
import type { Level } from '../src/domain/entities';
import type { Framework } from '../src/domain/framework';
import { FrameworkSearch } from '../src/domain/search';
import { buildApp } from '../src/server/app';
import { readConfig } from '../src/server/config';
import { ContentStore } from '../src/server/content-store';
import { Metrics } from '../src/server/metrics';
import { LIMITS } from '../src/server/request-limits';
// tinybench is an ES module; this file is CommonJS, so it is imported in main()
import type { Bench } from 'tinybench' with { 'resolution-mode': 'import' };

const CONTENT = join(__dirname, '..', 'content');

/** mulberry32: the same text every run, so runs compare. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const WORDS = (
  'review incident alerts service team design reliable measurable mentor capacity release ' +
  'runbook on-call quarter customer latency budget roadmap migration ownership'
).split(' ');
const sentenceMaker = (seed: number) => {
  const next = random(seed);
  let serial = 0;
  // the serial keeps sentences distinct, as they are in real content
  return (): string =>
    `I ${Array.from({ length: 6 + Math.floor(next() * 6) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')} (#${++serial}).`;
};

/** A level file: its competencies' expectations, and their examples under <details>. */
function levelFile(rank: number, competencies: [string, string[], string[]][]): string {
  const list = (items: string[]) => items.map((t) => `- ${t}`).join('\n');
  const sections = competencies.map(
    ([name, expectations, examples]) =>
      `## 🦉 ${name}\n\n${list(expectations)}\n\n<details>\n<summary>Examples</summary>\n\n${list(examples)}\n\n</details>`,
  );
  return `# L${rank}: Level ${rank}\n\n> _Level ${rank}._\n\n- **Planning horizon**: A year\n\n${sections.join('\n\n')}\n`;
}

/** `files` level files in tracks of 100 levels: four competencies of five expectations and four examples. */
function generate(dir: string, files: number): void {
  const sentence = sentenceMaker(files);
  const some = (n: number) => Array.from({ length: n }, sentence);
  for (let n = 0; n < files; n++) {
    const track = join(dir, `track-${String(Math.floor(n / 100)).padStart(3, '0')}`);
    fs.mkdirSync(track, { recursive: true });
    const names = [
      'Domain expertise',
      'Teaching and Mentoring',
      'Culture and Leadership',
      'Customer Success',
    ];
    const rank = (n % 100) + 1;
    fs.writeFileSync(
      join(track, `L${rank}.md`),
      levelFile(
        rank,
        names.map((name) => [name, some(5), some(4)]),
      ),
    );
  }
}

async function bundled(): Promise<Framework> {
  const loaded = await loadContent(CONTENT);
  if (!loaded.ok) throw new Error('the bundled content does not load');
  return loaded.framework;
}

async function loadGroup(bench: Bench, cleanups: (() => void)[]): Promise<void> {
  const dir = fs.mkdtempSync(join(tmpdir(), 'cfa-bench-load-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  generate(dir, 1000);
  const first = await loadContent(dir);
  if (!first.ok) throw new Error(`the generated levels do not load: ${JSON.stringify(first.problems[0])}`);
  bench.add('load 1,000 generated level files', async () => void (await loadContent(dir)));
  bench.add('load the bundled content', async () => void (await loadContent(CONTENT)));
}

/** Two levels of one track whose one competency has these items, three expectations to two examples. */
async function levelPair(dir: string, from: string[], to: string[]): Promise<[Level, Level]> {
  fs.mkdirSync(join(dir, 'bench'));
  for (const [rank, texts] of [from, to].entries()) {
    const split = Math.ceil((texts.length * 3) / 5);
    const file = levelFile(rank + 1, [['Domain', texts.slice(0, split), texts.slice(split)]]);
    fs.writeFileSync(join(dir, 'bench', `L${rank + 1}.md`), file);
  }
  const loaded = await loadContent(dir);
  if (!loaded.ok) throw new Error(`the synthetic levels do not load: ${JSON.stringify(loaded.problems[0])}`);
  return [loaded.framework.level('bench/L1')!, loaded.framework.level('bench/L2')!];
}

async function diffGroup(bench: Bench, cleanups: (() => void)[]): Promise<void> {
  for (const size of [10, 100, 1000]) {
    const dir = fs.mkdtempSync(join(tmpdir(), 'cfa-bench-diff-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    // about half kept, a third reworded, the rest replaced by new sentences
    const sentence = sentenceMaker(size);
    const from = Array.from({ length: size }, sentence);
    const to = from.map((t, i) =>
      i % 6 < 3 ? t : i % 6 < 5 ? t.replace('I ', 'I help others to ') : sentence(),
    );
    const [a, b] = await levelPair(dir, from, to);
    bench.add(`diff of ${size} items`, () => void diffLevels(a, b));
  }
  const fw = await bundled();
  const [l2, l3] = [fw.level('site-reliability-engineer/L2')!, fw.level('site-reliability-engineer/L3')!];
  bench.add('diff SRE L2 → L3', () => void diffLevels(l2, l3));
}

/** The server in process, the byte cache off so every request does all of its work; no token, so no drafts. */
async function app(contentDir: string, compiled = true) {
  const config = readConfig({ CONTENT_DIR: contentDir, NODE_ENV: 'production' });
  const opened = await ContentStore.open(config.contentDir);
  if (!opened.ok) throw new Error(`content in ${contentDir} does not load`);
  const graphql = { responseCache: false, compiledExecution: compiled };
  const built = await buildApp({
    config,
    store: opened.store,
    metrics: new Metrics(),
    log: pino({ level: 'silent' }),
    graphql,
  });
  return async (query: string): Promise<string> => {
    const response = await built.inject({ method: 'POST', url: '/graphql', payload: { query } });
    if (response.statusCode !== 200 || response.json().errors)
      throw new Error(`${query.slice(0, 80)}: ${response.body.slice(0, 300)}`);
    return response.body;
  };
}

async function historyGroup(bench: Bench, cleanups: (() => void)[]): Promise<void> {
  const commits = 1000;
  const dir = fs.mkdtempSync(join(tmpdir(), 'cfa-bench-history-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(CONTENT, join(dir, 'content'), { recursive: true });
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.add({ fs, dir, filepath: 'content' });
  const who = (n: number) => ({
    name: 'Bench',
    email: 'bench@example.com',
    timestamp: 1_767_225_600 + n * 60,
  });
  const first = await git.commit({ fs, dir, message: 'Bundled content', author: who(0), committer: who(0) });
  const track = 'content/software-engineer/track.md';
  const original = fs.readFileSync(join(dir, track), 'utf8');
  for (let n = 1; n < commits; n++) {
    fs.writeFileSync(join(dir, track), original.replace(/^name: .*$/m, `name: Software Engineer ${n}`));
    await git.add({ fs, dir, filepath: track });
    await git.commit({ fs, dir, message: `Revision ${n}`, author: who(n), committer: who(n) });
  }
  const post = await app(join(dir, 'content'));
  const old = first.slice(0, 7);
  const diff = (from: string) =>
    `{ diffLevels(from: "${from}", to: "site-reliability-engineer/L3") { summary { added removed changed unchanged } competencies { expectations { status segments { kind text } } } } }`;
  bench.add(`versions list of ${commits}`, () =>
    post(`{ versions(limit: ${commits}) { id shortId tags committedAt subject } }`),
  );
  bench.add('an old version of a level', () =>
    post(`{ level(id: "software-engineer/L3@${old}") { id competencies { expectations { text } } } }`),
  );
  bench.add('diff across versions', () => post(diff(`site-reliability-engineer/L2@${old}`)));
  bench.add('diff of the served levels', () => post(diff('site-reliability-engineer/L2')));
}

const ITEMS = 'expectations { text } examples { text }';
const SEGMENTS = 'expectations { segments { kind text } } examples { segments { kind text } }';

async function worstGroup(bench: Bench): Promise<void> {
  const post = await app(CONTENT);
  const letters = 'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(4).slice(0, 159);
  // the first is a normal request; each other is sent under as many aliases as the limits accept
  const shapes: Record<string, string> = {
    'normal: one level': `level(id: "site-reliability-engineer/L3") { title competencies { name ${ITEMS} } }`,
    'every level with every item':
      'levels { id competencies { expectations { id text } examples { id text } } }',
    'a cross-track diff with segments': `diffLevels(from: "software-engineer/L1", to: "site-reliability-engineer/L5") { competencies { ${SEGMENTS} } }`,
    'search: 80 one-letter words, limit 100': `search(query: "${letters}", limit: 100) { id text }`,
    'a track matrix with every item': `track(id: "software-engineer") { competencyMatrix { rows { cells { ${ITEMS} } } } }`,
  };
  const aliased = (n: number, body: string) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${body}`).join(' ')} }`;
  const accepted = (query: string) =>
    post(query).then(
      () => true,
      () => false,
    );
  for (const [name, body] of Object.entries(shapes)) {
    let copies = name.startsWith('normal') ? 1 : LIMITS.aliases;
    while (copies > 1 && !(await accepted(aliased(copies, body)))) copies--;
    const query = aliased(copies, body);
    bench.add(`${name} (${copies} ${copies === 1 ? 'copy' : 'copies'})`, () => post(query));
  }
}

async function searchGroup(bench: Bench): Promise<void> {
  const framework = await bundled();
  const search = new FrameworkSearch(framework);
  const next = random(7);
  const madeUp = Array.from({ length: 60 }, () =>
    Array.from({ length: 6 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]).join(''),
  );
  const queries: [string, string][] = [
    ['"incident"', 'incident'],
    ['"reliab" (prefix)', 'reliab'],
    ['"incidnt" (typo)', 'incidnt'],
    ['"mentor junior engineers"', 'mentor junior engineers'],
    ['200 chars of made-up words', madeUp.join(' ').slice(0, 200)],
  ];
  for (const [name, query] of queries)
    bench.add(`search ${name}`, () => void search.search(query, { limit: 100 }));
}

const GROUPS = {
  load: loadGroup,
  diff: diffGroup,
  history: historyGroup,
  worst: worstGroup,
  search: searchGroup,
};

async function main(): Promise<void> {
  const chosen = (process.argv[2] ?? Object.keys(GROUPS).join(',')).split(',');
  const unknown = chosen.filter((g) => !(g in GROUPS));
  if (unknown.length)
    throw new Error(`unknown group ${unknown.join(', ')}: choose from ${Object.keys(GROUPS).join(', ')}`);
  const { Bench } = await import('tinybench');
  for (const [name, group] of Object.entries(GROUPS)) {
    if (!chosen.includes(name)) continue;
    const cleanups: (() => void)[] = [];
    try {
      const bench = new Bench({
        name,
        time: 1000,
        iterations: 10,
        warmupTime: 200,
        warmupIterations: 2,
        throws: true,
      });
      await group(bench, cleanups);
      await bench.run();
      console.log(`\n${name} (node ${process.version})`);
      console.table(bench.table());
    } finally {
      cleanups.forEach((c) => c());
    }
  }
  // the in-process servers keep timers; the run is over
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
