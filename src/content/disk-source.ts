import { constants, promises as fs, type Dirent, type Stats } from 'node:fs';
import * as nodePath from 'node:path';
import type { ContentSource, LinkTarget, ReadOutcome, SourceEntry } from './source';

// O_NOFOLLOW: a path we checked cannot be swapped for a symlink before we open it. O_NONBLOCK: a
// FIFO swapped in after the check cannot hang the open. Both are 0 where the platform lacks them.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The content folder on disk. Locations are absolute paths; the root is the folder's real path, so a
 * link is inside exactly when its real target is under it (ConfigMap and git-sync layouts link the
 * folder itself, which is followed).
 */
export class DiskSource implements ContentSource {
  private realRoot: string | null = null;

  constructor(private readonly dir: string) {}

  get missingMessage(): string {
    return `The content directory "${this.dir}" does not exist or is not a directory; create it or point CONTENT_DIR at it.`;
  }

  async root(): Promise<string | null> {
    try {
      const root = await fs.realpath(this.dir);
      if (!(await fs.stat(root)).isDirectory()) return null;
      this.realRoot = root;
      return root;
    } catch {
      return null;
    }
  }

  async list(folder: string): Promise<SourceEntry[]> {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      kind: e.isSymbolicLink() ? 'symlink' : kindOf(e),
      location: nodePath.join(folder, e.name),
    }));
  }

  async resolveLink(entry: SourceEntry): Promise<LinkTarget | 'broken'> {
    let target: string;
    let stats: Stats;
    try {
      target = await fs.realpath(entry.location);
      stats = await fs.stat(target);
    } catch {
      return 'broken';
    }
    const root = this.realRoot ?? '';
    const inside = target === root || target.startsWith(root + nodePath.sep);
    return { kind: kindOf(stats), location: target, inside };
  }

  /** Reads a file we have checked, refusing anything over the limit before reading it. */
  async read(location: string, maxBytes: number): Promise<ReadOutcome> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(location, OPEN_FLAGS);
      const stats = await handle.stat();
      if (!stats.isFile()) return { notRegular: true };
      if (stats.size > maxBytes) return { tooLarge: stats.size };
      // Read one byte past the limit so a file that grew since fstat is still caught.
      const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length === buffer.length) break;
      }
      if (length > maxBytes) return { tooLarge: length };
      return { bytes: buffer.subarray(0, length) };
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }
}

function kindOf(entry: Dirent | Stats): 'file' | 'directory' | 'other' {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}
