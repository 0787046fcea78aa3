/**
 * `npm run bench`: the HTTP benchmark. Builds the production server and measures, on loopback
 * only, these targets on the same five operations, each repeated (same body every request) and
 * unique (a variable changes every request, so no cache can answer):
 *
 *   shipped    this server as shipped: `node dist/main.js`, NODE_ENV=production, LOG_LEVEL=info
 *   baseline   with --baseline <ref>: this server at that commit, built in a temporary worktree
 *   ceiling    a bare node:http server answering with the shipped server's recorded bytes
 *   mercurius  the same schema and content on Fastify + mercurius with graphql-jit (jit: 1)
 *   apollo     the same schema and content on Apollo Server's startStandaloneServer, defaults
 *
 * Every target runs in its own process, from compiled JavaScript (dist/, bench/dist/); the load
 * (autocannon, 10 connections) comes from another process (load-worker.ts), and only one target is
 * under load at a time. Prints req/s, p50 and p99 latency and peak RSS per target, the ratios of
 * this server to the others, and writes the same to bench/results/ with a description of the machine.
 *
 *   npm run bench                       full run (about 10 minutes on 2 cores)
 *   npm run bench -- --quick            smoke run (about 1.5 minutes)
 *   npm run bench -- --baseline c9a45c2 the same, with this server at c9a45c2 side by side
 *   npm run bench -- --only level       one or more operations: tiny,level,matrix,diff,search
 *   npm run bench -- --mode unique      repeated or unique only
 *   npm run bench -- --targets shipped,mercurius
 *   npm run bench -- --no-build         reuse dist/ and bench/dist/ as they are (a baseline is always built)
 *   npm run bench -- --profile          CPU profile of the shipped server under unique full-level load
 *                                       (or the first of --only and --mode: --profile --only tiny --mode repeated)
 *
 * BENCH_WARMUP, BENCH_DURATION (seconds), BENCH_ROUNDS and BENCH_CONNECTIONS override the defaults;
 * BENCH_PROFILE_SECONDS the length of --profile's load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { prepareBaseline, removeBaseline } from './baseline';
import { benchmark } from './harness';
import { USAGE, UsageError, parseOptions, type Options } from './options';
import { installExitHandlers, killAll, onExit } from './processes';
import { profile } from './profile';
import { distBuiltAt, gitState } from './report';
import { buildCurrent } from './targets';

function optionsOrExit(): Options {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(USAGE);
    process.exit(error.message ? 2 : 0);
  }
}

/** A bound on the whole run, whatever happens: twice the planned load plus five minutes. */
function startWatchdog(options: Options): NodeJS.Timeout {
  const planned = options.profile
    ? options.profileSec
    : options.ops.length *
      options.modes.length *
      options.targets.length *
      (options.warmupSec + options.rounds * options.durationSec);
  const watchdog = setTimeout(
    () => {
      console.error('benchmark exceeded its time bound; stopping');
      process.exit(1);
    },
    (2 * planned + 300) * 1000,
  );
  watchdog.unref();
  return watchdog;
}

async function main(): Promise<void> {
  const options = optionsOrExit();
  installExitHandlers();
  const started = Date.now();
  // the commit the build is made from (the tree may move on while the benchmark runs)
  const git = gitState(options.build);
  if (options.build) buildCurrent();
  if (options.build) git.distBuiltAt = distBuiltAt();
  // before the watchdog starts: an npm ci may take minutes, and each step has its own bound
  const baseline = options.baselineRef ? prepareBaseline(options.baselineRef) : null;
  const tmp = mkdtempSync(join(os.tmpdir(), 'cfa-bench-'));
  const removeTmp = (): void => rmSync(tmp, { recursive: true, force: true });
  onExit(removeTmp);
  const watchdog = startWatchdog(options);
  try {
    if (options.profile) await profile(options, tmp);
    else await benchmark(options, tmp, git, baseline);
  } finally {
    clearTimeout(watchdog);
    removeBaseline(baseline);
    removeTmp();
  }
  console.log(`total ${((Date.now() - started) / 60000).toFixed(1)} min`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  killAll();
  process.exit(1);
});
