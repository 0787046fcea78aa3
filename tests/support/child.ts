import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** The server as `npm start` runs it, but from source: a real process with real signals. */
export interface ChildServer {
  readonly process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function spawnServer(
  env: Record<string, string>,
  entry = ['--require', 'tsx/cjs', 'src/main.ts'],
): ChildServer {
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for the structured start-up line and returns it parsed. */
export async function startupLine(child: ChildServer, ms = 20_000): Promise<Record<string, any>> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const line = child
      .stdout()
      .split('\n')
      .find((l) => l.includes('"msg":"listening on'));
    if (line) return JSON.parse(line);
    if (child.process.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no start-up line; stdout: ${child.stdout()} stderr: ${child.stderr()}`);
}

/** Kills the process if a test left it running. */
export function cleanup(child: ChildServer | undefined): void {
  if (child && child.process.exitCode === null) child.process.kill('SIGKILL');
}
