import { promises as fs, type Stats } from 'node:fs';
import * as nodePath from 'node:path';

/**
 * What the content directory looks like to the loader, as one comparable string: for the folder
 * itself, each visible entry, each entry of a track folder and the names one level deeper, the real
 * path (so a symlink swap such as a ConfigMap's `..data` or git-sync's worktree link shows), kind,
 * inode and, for files, size, mtime and ctime. Two equal fingerprints taken around a load mean no file the loader
 * reads changed while it read; ctime catches even a write that restores the mtime.
 */
export async function fingerprint(dir: string): Promise<string> {
  const lines: string[] = [];
  let root: string;
  try {
    root = await fs.realpath(dir);
  } catch (error) {
    return `!${errorCode(error)}`;
  }
  lines.push(`.\t${root}\t${await describe(root)}`);
  for (const name of await visibleNames(root)) {
    const full = nodePath.join(root, name);
    lines.push(`${name}\t${await realOrError(full)}\t${await describe(full)}`);
    for (const child of await visibleNames(full)) {
      const childPath = nodePath.join(full, child);
      lines.push(`${name}/${child}\t${await realOrError(childPath)}\t${await describe(childPath)}`);
      // a track's nested folders matter only for what they are called (the loader warns about markdown in them)
      const grandchildren = await visibleNames(childPath);
      if (grandchildren.length > 0) lines.push(`${name}/${child}/\t${grandchildren.join('\t')}`);
    }
  }
  return lines.join('\n');
}

/** How long to wait for quiet, and how long at most. */
export interface SettleOptions {
  /** The fingerprint must stay the same this long. */
  readonly quietMs: number;
  /** Give up waiting after this long and answer with what is there. */
  readonly maxMs: number;
  /** How often to look; default a quarter of quietMs, at most 100 ms. */
  readonly pollMs?: number;
}

/** A wait for quiet gives up after this many quiet periods, at least MIN_SETTLE_BOUND_MS. */
const SETTLE_BOUND_PERIODS = 10;
const MIN_SETTLE_BOUND_MS = 10_000;

/** The longest a wait for `quietMs` of quiet lasts, so a folder that never stops changing cannot hang a reload. */
export function settleBound(quietMs: number): number {
  return Math.max(MIN_SETTLE_BOUND_MS, quietMs * SETTLE_BOUND_PERIODS);
}

/**
 * Waits until the directory's fingerprint has not changed for `quietMs` (bounded by `maxMs`), so a
 * writer that pauses mid-file or a checkout that writes many files is seen finished, not half-way.
 */
export async function settle(
  dir: string,
  options: SettleOptions,
): Promise<{ fingerprint: string; settled: boolean }> {
  const pollMs = options.pollMs ?? Math.max(10, Math.min(100, Math.floor(options.quietMs / 4)));
  const deadline = Date.now() + options.maxMs;
  let last = await fingerprint(dir);
  let quietSince = Date.now();
  for (;;) {
    if (Date.now() - quietSince >= options.quietMs) return { fingerprint: last, settled: true };
    if (Date.now() >= deadline) return { fingerprint: last, settled: false };
    await delay(pollMs);
    const now = await fingerprint(dir);
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}

/** Resolves after `ms`; the timer does not keep the process alive. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Hidden entries (`.git`, a ConfigMap's `..data` and timestamped folders) are skipped, as the loader skips them. */
async function visibleNames(dir: string): Promise<string[]> {
  try {
    const stats = await fs.stat(dir);
    if (!stats.isDirectory()) return [];
    return (await fs.readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    return [];
  }
}

async function describe(path: string): Promise<string> {
  let stats: Stats;
  try {
    stats = await fs.stat(path);
  } catch (error) {
    return `!${errorCode(error)}`;
  }
  // a folder's own times change with every editor swap file in it; its entries are listed instead
  if (stats.isDirectory()) return `d\t${stats.ino}`;
  const kind = stats.isFile() ? 'f' : 'o';
  return `${kind}\t${stats.size}\t${stats.mtimeMs}\t${stats.ctimeMs}\t${stats.ino}`;
}

async function realOrError(path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch (error) {
    return `!${errorCode(error)}`;
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'error';
}
