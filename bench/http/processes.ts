/**
 * Child processes of the harness: every one is tracked and killed on exit, error or signal, so a
 * benchmark never leaves a server or load generator behind; plus the small process helpers.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Targets listen on loopback only. */
export const HOST = '127.0.0.1';

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];

/** Registers a child to be killed when the harness exits, however it exits. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Synchronous clean-up (a temporary worktree, say) that must also run on a signal. */
export function onExit(cleanup: () => void): void {
  cleanups.push(cleanup);
}

export function killAll(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

function exitNow(): void {
  killAll();
  // each runs once: later ones still run when an earlier one throws
  for (const cleanup of cleanups.splice(0)) {
    try {
      cleanup();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
    }
  }
}

/** Kills every child and runs the clean-ups on exit and on SIGINT, SIGTERM and SIGHUP. */
export function installExitHandlers(): void {
  process.on('exit', exitNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping every target and the load generator`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Asks a child to stop, then kills it if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs one build step with its output on the terminal; throws when it fails. Returns seconds taken. */
export function runStep(
  command: string,
  args: string[],
  cwd: string,
  what: string,
  timeoutMs = 300_000,
): number {
  const started = Date.now();
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit', timeout: timeoutMs });
  if (result.status !== 0)
    throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`})`);
  const seconds = (Date.now() - started) / 1000;
  console.log(`${what}: ${seconds.toFixed(1)} s`);
  return seconds;
}

/** A read-only git command's output without the final newline, or null when it fails. */
export function git(cwd: string, args: string[]): string | null {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 30_000 });
  // trimEnd only: porcelain status lines start with a meaningful space
  return result.status === 0 ? result.stdout.trimEnd() : null;
}
