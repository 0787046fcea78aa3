/**
 * Starting the targets: each in its own process, on a free loopback port, from compiled JavaScript,
 * with its output in a log file that is scanned for errors and emptied after every run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { statusMb, roundMb } from './meters';
import type { TargetId } from './options';
import { BENCH_DIST, ROOT } from './paths';
import { HOST, NPM, freePort, runStep, sleep, track } from './processes';

/** A target up and answering. */
export interface RunningTarget {
  readonly id: TargetId;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  /** VmHWM when the target was up and answering, before any load. */
  readonly startupPeakMb: number | null;
}

/** One HTTP answer, as bytes. */
export interface Post {
  readonly status: number;
  readonly bytes: Buffer;
}

/** This server at either commit: the ones that log a line per request. */
export const isServer = (id: TargetId): boolean => id === 'shipped' || id === 'baseline';

/** The production build (npm run build) and the bench processes, compiled to bench/dist/. */
export function buildCurrent(): void {
  runStep(NPM, ['run', '--silent', 'build'], ROOT, 'npm run build');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  runStep(
    process.execPath,
    [tsc, '-p', join(ROOT, 'bench', 'tsconfig.json')],
    ROOT,
    'compile bench/ to bench/dist/',
  );
}

export async function post(url: string, body: string, timeoutMs = 10_000): Promise<Post> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

export function logTail(file: string, bytes = 4000): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.slice(-bytes);
  } catch {
    return '(no log)';
  }
}

/** The script a target runs and the folder it runs in. */
function scriptOf(id: TargetId, baselineDir: string | undefined): { script: string; cwd: string } {
  if (id === 'shipped') return { script: join(ROOT, 'dist', 'main.js'), cwd: ROOT };
  if (id === 'baseline') {
    if (!baselineDir) throw new Error('the baseline target needs its worktree');
    return { script: join(baselineDir, 'dist', 'main.js'), cwd: baselineDir };
  }
  const file = id === 'apollo' ? 'apollo-standalone' : id;
  return { script: join(BENCH_DIST, 'targets', `${file}.js`), cwd: ROOT };
}

/**
 * The V8 flags the image starts the server with (the Dockerfile's CMD), so the server is measured
 * as it runs in production; the baseline gets the same, so only the code differs.
 */
export function imageNodeFlags(): string[] {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const cmd = [...dockerfile.matchAll(/^CMD (\[.*\])\s*$/gm)].at(-1)?.[1];
  if (!cmd) return [];
  const args = JSON.parse(cmd) as string[];
  return args.slice(1, -1).filter((a) => a.startsWith('--'));
}

export async function startTarget(
  id: TargetId,
  tmp: string,
  /** A body the target answers with 200 once it is ready. */
  probe: string,
  extra: { responsesFile?: string; nodeArgs?: string[]; baselineDir?: string } = {},
): Promise<RunningTarget> {
  const port = await freePort();
  const logFile = join(tmp, `${id}.log`);
  // append mode: the log can be emptied between runs while the server keeps writing
  const fd = openSync(logFile, 'a');
  const { script, cwd } = scriptOf(id, extra.baselineDir);
  if (!existsSync(script)) throw new Error(`${relative(ROOT, script)} is missing; run without --no-build`);
  // the baseline gets the shipped server's environment and content, so only its code differs
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    CONTENT_DIR: join(ROOT, 'content'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    BENCH_ROOT: ROOT,
    // between rounds nobody is sending: stop at once instead of draining for a load balancer
    DRAIN_DELAY_MS: '0',
  };
  delete env.NODE_OPTIONS;
  if (extra.responsesFile) env.BENCH_RESPONSES = extra.responsesFile;
  const child = track(
    spawn(process.execPath, [...(isServer(id) ? imageNodeFlags() : []), ...(extra.nodeArgs ?? []), script], {
      cwd,
      env,
      stdio: ['ignore', fd, fd],
    }),
  );
  closeSync(fd);
  const url = `http://${HOST}:${port}/graphql`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${id} exited during start-up (${child.exitCode ?? child.signalCode}):\n${logTail(logFile)}`,
      );
    }
    if (Date.now() > deadline) throw new Error(`${id} did not answer within 30 s:\n${logTail(logFile)}`);
    try {
      if ((await post(url, probe, 1000)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return { id, child, pid: child.pid!, url, logFile, startupPeakMb: roundMb(statusMb(child.pid!, 'VmHWM')) };
}

/** What a scan of a target's log found. */
export interface LogScan {
  bytes: number;
  errorLines: string[];
}

/**
 * The servers log every request at info; their log is scanned for errors and emptied after each
 * run, so a full benchmark does not leave gigabytes of access lines behind. The other targets log
 * nothing but their start-up line, so any other line is worth a look.
 */
export function drainLog(target: RunningTarget): LogScan {
  let text = '';
  try {
    text = readFileSync(target.logFile, 'utf8');
  } catch {
    return { bytes: 0, errorLines: [] };
  }
  const errorLines = text
    .split('\n')
    .filter(
      (l) =>
        /"level":(50|60)/.test(l) ||
        (!isServer(target.id) && l.trim() !== '' && !l.startsWith('{"listening"')),
    )
    .slice(0, 5);
  const fd = openSync(target.logFile, 'r+');
  ftruncateSync(fd, 0);
  closeSync(fd);
  return { bytes: Buffer.byteLength(text), errorLines };
}
