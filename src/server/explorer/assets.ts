import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One built file, held in memory: the explorer is a few dozen kilobytes. */
export interface Asset {
  readonly body: Buffer;
  /** The same bytes gzipped, when that is smaller. */
  readonly gzip: Buffer | null;
  readonly contentType: string;
  readonly etag: string;
}

/** The built explorer (scripts/build-explorer.js output) as the server serves it. */
export interface ExplorerAssets {
  /**
   * `/assets/<hash of every file>`: the URL prefix changes whenever any file does, so the files can be
   * cached for a year, and the bundle's source map stays on the same version as the bundle.
   */
  readonly base: string;
  /** By path relative to the build directory, e.g. `main.js`. */
  readonly files: ReadonlyMap<string, Asset>;
}

/** The bundle, the one script the shell loads; its absence means the explorer has not been built. */
export const ENTRY_MODULE = 'main.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Reads the built explorer into memory; null when it has not been built. Files of other types are
 * left out rather than served with a guessed type.
 */
export function loadAssets(dir: string): ExplorerAssets | null {
  if (!fs.existsSync(path.join(dir, ENTRY_MODULE))) return null;
  const files = new Map<string, Asset>();
  const version = createHash('sha256');
  for (const name of listFiles(dir).sort()) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType) continue;
    const body = fs.readFileSync(path.join(dir, name));
    const gzip = gzipSync(body, { level: 9 });
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
    files.set(name, { body, gzip: gzip.length < body.length ? gzip : null, contentType, etag: `"${hash}"` });
    version.update(name).update('\0').update(hash).update('\0');
  }
  return { base: `/assets/${version.digest('hex').slice(0, 12)}`, files };
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}
