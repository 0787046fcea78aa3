/**
 * `npm run bench:soak`: does this server's memory stay bounded under floods no cache can absorb?
 * Starts dist/main.js as the image does, then sends at 20 connections
 *
 *   unique-documents   SOAK_REQUESTS (100,000) `level` requests, each a new document
 *   unique-variables   as many on one document, each with a new $nonce
 *   quiet              SOAK_QUIET (30) seconds of one small request a second
 *
 * sampling every 2 s its RSS (/proc) and V8 heap, external memory and GC time (its /metrics).
 * Prints the curve and the goals, writes bench/results/soak-latest.json (soak-partial.json when
 * shortened or given a flag); exits 1 when a goal fails.
 *
 *   npm run bench:soak -- --node-arg --max-semi-space-size=16   an extra V8 flag for the server
 *   SOAK_REQUESTS=20000 SOAK_QUIET=10 npm run bench:soak        shorter
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  OPERATIONS,
  RESULTS,
  ROOT,
  bodyOf,
  imageNodeFlags,
  load,
  post,
  sleep,
  startTarget,
  statusMb,
  stopTarget,
  templateOf,
} from './common';

/** The RSS the server must level off below under both floods. */
const LIMIT_MB = 200;
const SAMPLE_SEC = 2;

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const requests = envInt('SOAK_REQUESTS', 100_000);
const connections = envInt('SOAK_CONNECTIONS', 20);
const quietSec = envInt('SOAK_QUIET', 30);
const nodeArgs = process.argv.flatMap((a, i, all) => (all[i - 1] === '--node-arg' ? [a] : []));
const serverFlags = [...imageNodeFlags(), ...nodeArgs];

const level = OPERATIONS.find((o) => o.name === 'level')!;
const SMALL = bodyOf(OPERATIONS[0], 'repeated');

interface Sample {
  t: number;
  phase: string;
  rssMb: number | null;
  heapUsedMb: number | null;
  heapTotalMb: number | null;
  externalMb: number | null;
  gcSeconds: number | null;
}

const metric = (text: string, name: string): number | null => {
  const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
  return match ? Math.round(Number(match[1]) / 104857.6) / 10 : null;
};

async function main(): Promise<void> {
  const startedAt = new Date();
  const server = await startTarget('server', [...serverFlags, join(ROOT, 'dist', 'main.js')], SMALL);
  const metricsUrl = server.url.replace(/\/graphql$/, '/metrics');
  const samples: Sample[] = [];
  let phase = 'start';
  const sample = async (): Promise<void> => {
    const text = await fetch(metricsUrl, { signal: AbortSignal.timeout(1500) })
      .then((r) => (r.ok ? r.text() : ''))
      .catch(() => '');
    const gc = [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{kind="\w+"\} ([0-9.e+-]+)$/gm)];
    samples.push({
      t: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      phase,
      rssMb: statusMb(server.pid, 'VmRSS'),
      heapUsedMb: metric(text, 'nodejs_heap_size_used_bytes'),
      heapTotalMb: metric(text, 'nodejs_heap_size_total_bytes'),
      externalMb: metric(text, 'nodejs_external_memory_bytes'),
      gcSeconds: gc.length ? Math.round(gc.reduce((s, m) => s + Number(m[1]), 0) * 100) / 100 : null,
    });
  };
  const timer = setInterval(() => void sample(), SAMPLE_SEC * 1000);
  const loads: Record<string, { requests: number; failures: number; rps: number; p99Ms: number }> = {};
  try {
    await sleep(3 * SAMPLE_SEC * 1000);
    for (const [name, mode] of [
      ['unique-documents', 'documents'],
      ['unique-variables', 'unique'],
    ] as const) {
      const check = await post(server.url, bodyOf(level, mode, `${name}-check`));
      if (check.status !== 200 || JSON.parse(check.text).errors)
        throw new Error(`${name}: ${check.text.slice(0, 300)}`);
      phase = name;
      console.log(`${name}: ${requests} requests, ${connections} connections`);
      const tag = `${name}-${Math.random().toString(36).slice(2, 8)}`;
      const template = templateOf(level, mode);
      const result = await load({ url: server.url, template, tag, connections, amount: requests });
      loads[name] = { ...result, rps: Math.round(result.rps) };
      console.log(`  ${result.requests} answered 2xx, ${result.failures} failed`);
    }
    phase = 'quiet';
    console.log(`quiet: ${quietSec} s, one small request a second`);
    let failures = 0;
    for (let i = 0; i < quietSec; i++) {
      if ((await post(server.url, SMALL, 5000).catch(() => null))?.status !== 200) failures++;
      await sleep(1000);
    }
    loads.quiet = { requests: quietSec - failures, failures, rps: 1, p99Ms: 0 };
    await sample();
  } finally {
    clearInterval(timer);
  }
  const peakMb = statusMb(server.pid, 'VmHWM');
  await stopTarget(server);

  const rss = (s: Sample | undefined): number => s?.rssMb ?? 0;
  const start = rss(samples.find((s) => s.phase === 'start'));
  const peak = Math.max(...samples.map(rss));
  const end = rss(samples.at(-1));
  const returned = peak > start ? (peak - end) / (peak - start) : 1;
  const goals = [
    { goal: `RSS stays below ${LIMIT_MB} MB under both floods`, met: peak < LIMIT_MB },
    { goal: 'RSS gives back at least half of its rise after the floods', met: returned >= 0.5 },
    { goal: 'every request answered 2xx', met: Object.values(loads).every((l) => l.failures === 0) },
  ];
  console.table(samples);
  console.log(`\nRSS: start ${start} MB, peak ${peak} MB (VmHWM ${peakMb} MB), end ${end} MB`);
  for (const g of goals) console.log(`${g.met ? 'met   ' : 'FAILED'} ${g.goal}`);

  mkdirSync(RESULTS, { recursive: true });
  // a shortened soak does not replace the last full one
  const full = requests === 100_000 && quietSec === 30 && connections === 20 && nodeArgs.length === 0;
  const file = join(RESULTS, full ? 'soak-latest.json' : 'soak-partial.json');
  const config = { requests, connections, quietSec, sampleSec: SAMPLE_SEC, nodeArgs: serverFlags };
  const summary = { startMb: start, peakMb: peak, vmHwmMb: peakMb, endMb: end, returned, loads, goals };
  const data = { startedAt: startedAt.toISOString(), node: process.version, config, summary, samples };
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`results: ${relative(ROOT, file)}`);
  if (!goals.every((g) => g.met)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
