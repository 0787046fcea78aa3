/**
 * `npm run bench:soak`: does memory stay bounded under a flood? Builds the production server,
 * starts `dist/main.js` as shipped (NODE_ENV=production, LOG_LEVEL=info) on loopback, then sends
 *
 *   unique-documents   100k requests, each a new document (a new string literal in the query)
 *   unique-variables   100k requests on one document, each with a new variable
 *   quiet              30 s with one small request a second
 *
 * at 20 connections, sampling the server's RSS (/proc) and V8 heap (its /metrics) every 2 s. Prints
 * the curve and a summary, and writes bench/results/soak-latest.json and soak-<ISO date>.json.
 *
 *   npm run bench:soak
 *   npm run bench:soak -- --no-build                        reuse dist/
 *   npm run bench:soak -- --node-arg --max-semi-space-size=8  a V8 flag for the server
 *   SOAK_REQUESTS=20000 SOAK_QUIET=10 npm run bench:soak    shorter
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { statusMb, roundMb } from '../http/meters';
import { installExitHandlers, killAll, NPM, onExit, runStep, sleep, stopChild } from '../http/processes';
import { ROOT } from '../http/paths';
import { distBuiltAt, gitState, machine } from '../http/report';
import { drainLog, post, startTarget, type RunningTarget } from '../http/targets';
import { SMALL_BODY, bodyAt, uniqueDocumentTemplate, uniqueVariablesTemplate, type Template } from './bodies';
import { flood, type FloodNumbers } from './load';
import { parseSoakOptions, SOAK_USAGE, SoakUsageError, type SoakOptions } from './options';
import { curve, printSummary, readmeTable } from './print';
import { writeSoakResults } from './results';
import { Sampler } from './sampler';
import { summarise, type Phase } from './summary';

/** A flood that has not finished in this long is stopped (and reported as such): on 2 busy cores
 * 100k unique documents have taken 15 minutes. */
const FLOOD_MAX_SEC = 1800;

function optionsOrExit(): SoakOptions {
  try {
    return parseSoakOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof SoakUsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(SOAK_USAGE);
    process.exit(error.message ? 2 : 0);
  }
}

/** One answer checked before its flood: 200, data, no errors. */
async function checkBody(url: string, body: string, what: string): Promise<void> {
  const answer = await post(url, body);
  const parsed = JSON.parse(answer.bytes.toString('utf8')) as { data?: unknown; errors?: unknown };
  if (answer.status !== 200 || parsed.errors || !parsed.data)
    throw new Error(
      `${what}: the server answered ${answer.status} ${answer.bytes.toString('utf8').slice(0, 300)}`,
    );
}

async function runFlood(
  target: RunningTarget,
  sampler: Sampler,
  options: SoakOptions,
  phase: Phase,
  template: Template,
): Promise<FloodNumbers> {
  const prefix = `${phase}-${Math.random().toString(36).slice(2, 8)}`;
  await checkBody(target.url, bodyAt(template, `${prefix}-check`, 0), phase);
  sampler.setPhase(phase);
  console.log(`${phase}: ${options.requests} requests, ${options.connections} connections`);
  const numbers = await flood({
    url: target.url,
    connections: options.connections,
    amount: options.requests,
    maxSec: FLOOD_MAX_SEC,
    bodyOf: (n) => bodyAt(template, prefix, n),
    onAnswer: sampler.answered,
  });
  await sampler.sample();
  if (target.child.exitCode !== null || target.child.signalCode !== null)
    throw new Error(`the server died during ${phase}`);
  const scan = drainLog(target);
  for (const line of scan.errorLines) console.warn(`  ! server logged: ${line.slice(0, 300)}`);
  console.log(
    `  ${numbers.requests} 2xx in ${numbers.elapsedSec} s (${numbers.rps} req/s, p99 ${numbers.p99Ms} ms), ` +
      `${numbers.non2xx} non-2xx, ${numbers.errors} errors, ${numbers.timeouts} timeouts`,
  );
  return numbers;
}

/** One small request a second: the server idles but is not idle. */
async function quiet(target: RunningTarget, sampler: Sampler, seconds: number): Promise<FloodNumbers> {
  sampler.setPhase('quiet');
  console.log(`quiet: ${seconds} s, one small request a second`);
  const started = Date.now();
  let requests = 0;
  let non2xx = 0;
  let errors = 0;
  for (let i = 1; i <= seconds; i++) {
    try {
      const answer = await post(target.url, SMALL_BODY, 5000);
      if (answer.status >= 200 && answer.status < 300) requests++;
      else non2xx++;
    } catch {
      errors++;
    }
    sampler.answered();
    await sleep(Math.max(0, started + i * 1000 - Date.now()));
  }
  drainLog(target);
  const elapsedSec = (Date.now() - started) / 1000;
  return {
    requests,
    non2xx,
    errors,
    timeouts: 0,
    elapsedSec,
    rps: Math.round(requests / elapsedSec),
    p50Ms: 0,
    p99Ms: 0,
    maxMs: 0,
    bytes: 0,
    stoppedEarly: false,
  };
}

async function main(): Promise<void> {
  const options = optionsOrExit();
  installExitHandlers();
  const startedAt = new Date();
  const git = gitState(options.build);
  if (options.build) runStep(NPM, ['run', '--silent', 'build'], ROOT, 'npm run build');
  git.distBuiltAt = distBuiltAt();
  const tmp = mkdtempSync(join(os.tmpdir(), 'cfa-soak-'));
  onExit(() => rmSync(tmp, { recursive: true, force: true }));
  const watchdog = setTimeout(
    () => {
      console.error('soak exceeded its time bound; stopping');
      process.exit(1);
    },
    (2 * FLOOD_MAX_SEC + options.quietSec + 300) * 1000,
  );
  watchdog.unref();

  const target = await startTarget('shipped', tmp, SMALL_BODY, { nodeArgs: [...options.nodeArgs] });
  console.log(
    `server pid ${target.pid} at ${target.url}${options.nodeArgs.length ? ` with ${options.nodeArgs.join(' ')}` : ''}`,
  );
  const sampler = new Sampler(target.pid, target.url.replace(/\/graphql$/, '/metrics'), options.sampleSec);
  // a few samples of the server at rest, answering nothing but /metrics
  await sleep(3 * options.sampleSec * 1000);
  const documents = uniqueDocumentTemplate(options.op);
  const variables = uniqueVariablesTemplate(options.op);
  const loads: Partial<Record<Phase, FloodNumbers>> = {};
  loads['unique-documents'] = await runFlood(target, sampler, options, 'unique-documents', documents);
  loads['unique-variables'] = await runFlood(target, sampler, options, 'unique-variables', variables);
  loads.quiet = await quiet(target, sampler, options.quietSec);
  await sampler.stop();
  const samples = sampler.samples;
  const hwm = roundMb(statusMb(target.pid, 'VmHWM'));
  await stopChild(target.child);

  const summary = summarise(samples, loads, hwm);
  console.log(`\n${curve(samples)}`);
  printSummary(summary);
  const finishedAt = new Date();
  const paths = writeSoakResults({
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    config: {
      requestsPerFlood: options.requests,
      connections: options.connections,
      quietSec: options.quietSec,
      sampleSec: options.sampleSec,
      op: options.op.name,
      nodeArgs: options.nodeArgs,
      responseCacheBytes: process.env.RESPONSE_CACHE_BYTES ?? null,
    },
    machine: machine(),
    git,
    method: [
      'server: dist/main.js, NODE_ENV=production, LOG_LEVEL=info (access log to a temp file), loopback',
      `load: autocannon in the soak's process, ${options.connections} keep-alive connections, POST, a fixed number of requests per flood`,
      `unique-documents: the ${options.op.name} query plus nonce: level(id: "<new literal>") { id }, a new document every request`,
      `unique-variables: the ${options.op.name} query plus nonce: level(id: $nonce) { id }, a new $nonce every request`,
      `quiet: ${options.quietSec} s of one small repeated request (tiny) a second`,
      `samples every ${options.sampleSec} s: VmRSS from /proc; heap used/total, old space and external from the server's /metrics`,
    ],
    exampleBodies: {
      'unique-documents': bodyAt(documents, 'example', 0),
      'unique-variables': bodyAt(variables, 'example', 0),
      quiet: SMALL_BODY,
    },
    summary,
    samples,
  });
  console.log(`\nREADME table (RSS about every 10 s):\n\n${readmeTable(samples)}\n`);
  console.log(`results: ${paths.join(', ')}`);
  if (!summary.goals[2]!.met) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  killAll();
  process.exit(1);
});
