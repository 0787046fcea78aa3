// The most expensive requests the limits still accept, against a normal one: how much CPU one
// request can cost whatever its shape (issue 10). In-process through app.inject(), so it measures
// the server's work (parse, validate, limits, execute, serialise), not the network.
//   npx tsx bench/micro/worst-requests.ts
import 'reflect-metadata';
import path from 'node:path';
import pino from 'pino';
import { buildApp } from '../../src/server/app';
import { readConfig } from '../../src/server/config';
import { ContentStore } from '../../src/server/content-store';
import { Metrics } from '../../src/server/metrics';
import { LIMITS } from '../../src/server/request-limits';

const ROOT = path.join(__dirname, '..', '..');
/** Request shapes: a body repeated under aliases, as many times as the limits accept. */
const SHAPES: Record<string, { body: string; repeat: boolean }> = {
  'normal: one level': {
    body: 'level(id: "site-reliability-engineer/L3") { title competencies { name expectations { text } examples { text } } }',
    repeat: false,
  },
  'every level with every item': {
    body: 'levels(filter: { includeDrafts: true }) { id competencies { expectations { id text } examples { id text } } }',
    repeat: true,
  },
  'a cross-track diff with segments': {
    body: 'diffLevels(from: "software-engineer/L1", to: "site-reliability-engineer/L5") { competencies { expectations { segments { kind text } } examples { segments { kind text } } } }',
    repeat: true,
  },
  'search: 80 one-letter words, limit 100': {
    body: `search(query: "${'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(4).slice(0, 159)}", limit: 100) { id text }`,
    repeat: true,
  },
  'search: three words, limit 100': {
    body: 'search(query: "incident review team", limit: 100) { id text score }',
    repeat: true,
  },
  'a track matrix with every item': {
    body: 'track(id: "software-engineer") { competencyMatrix(includeDrafts: true) { rows { cells { expectations { text } examples { text } } } } }',
    repeat: true,
  },
};

const aliased = (n: number, body: string) =>
  n === 1 ? `{ ${body} }` : `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${body}`).join(' ')} }`;

async function main(): Promise<void> {
  const config = readConfig({ CONTENT_DIR: path.join(ROOT, 'content'), NODE_ENV: 'production' });
  const opened = await ContentStore.open(config.contentDir);
  if (!opened.ok) throw new Error('content did not load');
  // the byte cache off (every request does all of its work); COMPILED=1 runs graphql-jit as shipped
  const app = await buildApp({
    config,
    store: opened.store,
    metrics: new Metrics(),
    log: pino({ level: 'silent' }),
    graphql: { responseCache: false, compiledExecution: process.env.COMPILED === '1' },
  });
  const rows: [string, number, number, number][] = [];
  let normal = 0;
  for (const [name, shape] of Object.entries(SHAPES)) {
    // the most copies the limits accept: the worst request of this shape
    let copies = shape.repeat ? LIMITS.aliases : 1;
    const post = (query: string) => app.inject({ method: 'POST', url: '/graphql', payload: { query } });
    while (copies > 1 && (await post(aliased(copies, shape.body))).statusCode !== 200) copies--;
    const query = aliased(copies, shape.body);
    const first = await post(query);
    if (first.statusCode !== 200) throw new Error(`${name}: ${first.body.slice(0, 200)}`);
    for (let i = 0; i < 3; i++) await post(query);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      await post(query);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    if (!normal) normal = median;
    rows.push([name, copies, median, first.body.length]);
  }
  await app.close();
  console.log('| request | copies accepted | median ms | × normal | answer bytes |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, copies, ms, bytes] of rows)
    console.log(`| ${name} | ${copies} | ${ms.toFixed(1)} | ${(ms / normal).toFixed(1)}× | ${bytes} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
