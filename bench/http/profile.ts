/**
 * `--profile`: where the shipped server's time goes, by default under unique full-level load. The
 * server runs with --cpu-prof; only the samples taken during the measured load are summarised.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { int, ms } from './format';
import { LoadGenerator, loadOnce } from './load-generator';
import { bodyOf } from './operations';
import type { Options } from './options';
import { BENCH_DIST, RESULTS_DIR, ROOT } from './paths';
import { stopChild } from './processes';
import { startTarget, type RunningTarget } from './targets';

export async function profile(options: Options, tmp: string): Promise<void> {
  const op = options.profileOp;
  const mode = options.profileMode;
  const name = `${op.name}-${mode}`;
  const profileDir = join(tmp, 'profile');
  mkdirSync(profileDir);
  const loader = new LoadGenerator();
  let shipped: RunningTarget | undefined;
  let window = '';
  try {
    shipped = await startTarget('shipped', tmp, bodyOf(op, 'repeated'), {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=shipped-${name}.cpuprofile`],
    });
    console.log(
      `\nprofiling this server (pid ${shipped.pid}) under ${options.profileSec} s of ${op.name}/${mode} load ` +
        `after ${options.warmupSec} s of warm-up (not in the summary)`,
    );
    if (options.warmupSec > 0) {
      await loadOnce(loader, shipped, op, mode, options.warmupSec, options.connections, 'profile-warmup');
    }
    // the same clock as V8's profile timestamps (CLOCK_MONOTONIC), in microseconds
    const fromUs = process.hrtime.bigint() / 1000n;
    const numbers = await loadOnce(
      loader,
      shipped,
      op,
      mode,
      options.profileSec,
      options.connections,
      'profile',
    );
    window = `${fromUs}:${process.hrtime.bigint() / 1000n}`;
    console.log(
      `  ${int(numbers.rps)} req/s, p50 ${ms(numbers.p50Ms)} ms, p99 ${ms(numbers.p99Ms)} ms (with the profiler on)`,
    );
    // the profile is written when the process exits; SIGTERM makes the server close and exit 0
    await stopChild(shipped.child, 20_000);
  } finally {
    if (shipped) await stopChild(shipped.child);
    await loader.close();
  }
  const written = join(profileDir, `shipped-${name}.cpuprofile`);
  if (!existsSync(written)) throw new Error(`no profile was written in ${profileDir}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const kept = join(RESULTS_DIR, `shipped-${name}.cpuprofile`);
  writeFileSync(kept, readFileSync(written));
  const summary = spawnSync(
    process.execPath,
    [
      join(BENCH_DIST, 'http', 'profile-summary.js'),
      kept,
      '--top',
      '15',
      '--root',
      ROOT,
      '--json',
      join(RESULTS_DIR, `profile-${name}.json`),
      '--window',
      window,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (summary.status !== 0) throw new Error(`profile-summary failed: ${summary.stderr}`);
  writeFileSync(join(RESULTS_DIR, `profile-${name}.txt`), summary.stdout);
  console.log(`\n${summary.stdout}`);
  console.log(
    `profile: ${relative(ROOT, kept)} (${(statSync(kept).size / 1024 / 1024).toFixed(1)} MB, not committed), ` +
      `summary: bench/results/profile-${name}.{txt,json}`,
  );
}
