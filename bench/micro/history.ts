/**
 * `npx tsx bench/micro/history.ts [commits]`: the speed of framework history (issue 11) on a real
 * git repository made here with isomorphic-git: the bundled content, then `commits` − 1 more commits
 * (default 1,000 versions in all) that each change one track's description. Through app.inject with
 * the response cache off, so the resolvers do the work every time, it measures:
 *   - the first versions list (the history scan) and the list of 1,000 versions once scanned;
 *   - loading a version the first time, then from the cache;
 *   - a diff of one level across versions against today's diff of two served levels.
 * Prints medians in milliseconds. Nothing is asserted: the numbers go in the README and the issue.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as git from 'isomorphic-git';
import pino from 'pino';
import { buildApp } from '../../src/server/app';
import { readConfig } from '../../src/server/config';
import { ContentStore } from '../../src/server/content-store';
import { Metrics } from '../../src/server/metrics';

const COMMITS = Number(process.argv[2] ?? 1000);
const RUNS = 21;
const BUNDLED = path.resolve(__dirname, '../../content');
const TRACK = 'content/software-engineer/track.md';

async function makeRepository(): Promise<{ dir: string; first: string }> {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'cfa-bench-history-'));
  fs.cpSync(BUNDLED, path.join(dir, 'content'), { recursive: true });
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.add({ fs, dir, filepath: 'content' });
  const who = (n: number) => ({
    name: 'Bench',
    email: 'bench@example.com',
    timestamp: 1_767_225_600 + n * 60,
  });
  const first = await git.commit({ fs, dir, message: 'Bundled content', author: who(0), committer: who(0) });
  await git.tag({ fs, dir, ref: 'v1', object: first });
  const original = fs.readFileSync(path.join(dir, TRACK), 'utf8');
  for (let n = 1; n < COMMITS; n++) {
    fs.writeFileSync(path.join(dir, TRACK), original.replace(/^name: .*$/m, `name: Software Engineer ${n}`));
    await git.add({ fs, dir, filepath: TRACK });
    await git.commit({ fs, dir, message: `Revision ${n}`, author: who(n), committer: who(n) });
  }
  return { dir, first };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const made = performance.now();
  const { dir, first } = await makeRepository();
  console.log(`repository of ${COMMITS} versions made in ${Math.round(performance.now() - made)} ms`);
  try {
    const config = readConfig({ CONTENT_DIR: path.join(dir, 'content') });
    const opened = await ContentStore.open(config.contentDir);
    if (!opened.ok) throw new Error('content refused');
    const app = await buildApp({
      config,
      store: opened.store,
      metrics: new Metrics(),
      log: pino({ level: 'silent' }),
      graphql: { responseCache: false },
    });
    const timed = async (query: string): Promise<number> => {
      const started = performance.now();
      const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query } });
      const ms = performance.now() - started;
      const body = response.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return ms;
    };
    const list = `{ versions(limit: ${COMMITS}) { id shortId tags committedAt subject } }`;
    const scan = await timed(list);
    const lists = [];
    for (let i = 0; i < RUNS; i++) lists.push(await timed(list));

    const short = first.slice(0, 7);
    const level = `{ level(id: "software-engineer/L3@${short}") { id competencies { expectations { text } } } }`;
    const firstLoad = await timed(level);
    const cachedLoads = [];
    for (let i = 0; i < RUNS; i++) cachedLoads.push(await timed(level));

    const diff = (from: string, to: string) =>
      `{ diffLevels(from: "${from}", to: "${to}") { summary { added removed changed unchanged } competencies { expectations { status segments { kind text } } } } }`;
    const across = diff(`site-reliability-engineer/L2@${short}`, 'site-reliability-engineer/L3');
    const today = diff('site-reliability-engineer/L2', 'site-reliability-engineer/L3');
    const acrossRuns = [];
    const todayRuns = [];
    for (let i = 0; i < RUNS; i++) {
      acrossRuns.push(await timed(across));
      todayRuns.push(await timed(today));
    }
    await app.close();
    const round = (ms: number) => Math.round(ms * 10) / 10;
    console.table({
      'versions list, first (scan)': { ms: round(scan) },
      [`versions list of ${COMMITS}, scanned (median)`]: { ms: round(median(lists)) },
      'a version loaded the first time': { ms: round(firstLoad) },
      'the same version, cached (median)': { ms: round(median(cachedLoads)) },
      'diffLevels across versions (median)': { ms: round(median(acrossRuns)) },
      'diffLevels today, served levels (median)': { ms: round(median(todayRuns)) },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
