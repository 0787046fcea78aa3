import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where the image test keeps what is slow to make: the stand-in base tarballs and its own container
 * storage (images, build layers, containers), apart from any other podman user's. Deleting the folder
 * makes the next run cold.
 */
export const IMAGE_CACHE = process.env.CFA_IMAGE_CACHE ?? path.join(homedir(), '.cache', 'cfa-image');

const STORAGE = [
  '--root',
  path.join(IMAGE_CACHE, 'storage'),
  '--runroot',
  path.join(IMAGE_CACHE, 'run'),
  '--storage-driver',
  'overlay',
];
// no systemd here: cgroups by hand, runc, events in a file; healthchecks run on demand
const PODMAN = [...STORAGE, '--cgroup-manager', 'cgroupfs', '--runtime', 'runc', '--events-backend', 'file'];

/** The tools the test drives, with the Debian packages that hold them (.ci/apt-packages lists them). */
export const TOOLS: Readonly<Record<string, string>> = {
  buildah: 'buildah',
  podman: 'podman',
  runc: 'runc',
  debootstrap: 'debootstrap',
};

/** The tools that are missing, as an install command; null when all are there and we are root. */
export function missingTools(): string | null {
  const missing = Object.keys(TOOLS).filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0,
  );
  const problems: string[] = [];
  if (missing.length > 0)
    problems.push(
      `missing ${missing.join(', ')}: apt-get install -y ${missing.map((t) => TOOLS[t]).join(' ')}`,
    );
  if (process.getuid?.() !== 0)
    problems.push('the image test builds and runs containers as root (debootstrap and rootful podman)');
  return problems.length > 0 ? problems.join('; ') : null;
}

/** One finished command. */
export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link exec}. */
export interface ExecOptions {
  /** Killed (SIGKILL) after this long; the promise then rejects. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  input?: string;
  cwd?: string;
}

/** Runs a command to its end without blocking the event loop, so jest's own timeouts still fire. */
export function exec(command: string, args: readonly string[], options: ExecOptions = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${command} ${args.join(' ')} took over ${options.timeoutMs} ms\n${tail(stdout, stderr)}`),
      );
    }, options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

/** {@link exec}, rejecting with the output's end unless the command exits 0; resolves with stdout. */
export async function must(
  command: string,
  args: readonly string[],
  options: ExecOptions = {},
): Promise<string> {
  const done = await exec(command, args, options);
  if (done.code !== 0) {
    const shown = [command, ...args].map((a) => (a.length > 200 ? `${a.slice(0, 200)}…` : a)).join(' ');
    throw new Error(`${shown} exited ${done.code}\n${tail(done.stdout, done.stderr)}`);
  }
  return done.stdout;
}

function tail(stdout: string, stderr: string): string {
  return `${stdout.slice(-4000)}\n${noise(stderr).slice(-4000)}`;
}

/** podman's complaint that it cannot reach systemd for healthcheck timers, which we do not use. */
export function noise(stderr: string): string {
  return stderr
    .split('\n')
    .filter(
      (line) =>
        !/unable to get systemd connection|level=warning msg="Failed to (add|remove) pause/.test(line),
    )
    .join('\n');
}

/** podman on the test's own storage. */
export function podman(args: readonly string[], options?: ExecOptions): Promise<string> {
  return must('podman', [...PODMAN, ...args], options);
}

/** podman on the test's own storage, resolving with the exit code whatever it is. */
export function podmanStatus(args: readonly string[], options?: ExecOptions): Promise<Finished> {
  return exec('podman', [...PODMAN, ...args], options);
}

/** buildah on the test's own storage (shared with {@link podman}). */
export function buildah(args: readonly string[], options?: ExecOptions): Promise<string> {
  return must('buildah', [...STORAGE, ...args], options);
}

/**
 * One image test at a time per cache folder (two `npm test` runs in one work tree would otherwise
 * re-tag each other's image, or reset the storage under each other's containers). Waits for a
 * holder that is still alive; takes over from one that died. Resolves with the release function.
 */
export async function lockImageCache(waitMs = 20 * 60_000): Promise<() => void> {
  const lock = path.join(IMAGE_CACHE, 'lock');
  mkdirSync(IMAGE_CACHE, { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    // the holder's pid is in the folder before the folder takes the lock's name: no empty lock is seen
    const mine = mkdtempSync(`${lock}.`);
    writeFileSync(path.join(mine, 'pid'), String(process.pid));
    try {
      renameSync(mine, lock);
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      rmSync(mine, { recursive: true, force: true });
      if (!['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    if (!alive(holder)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another image test (pid ${holder}) still holds ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
