import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const LOCK = path.join(ROOT, 'dist', '.explorer-build.lock');

/**
 * Builds the explorer's browser code when a source is newer than the last build. Test files run in
 * parallel workers, so one builds while the others wait on a lock directory (mkdir is atomic).
 */
export function ensureExplorerBuilt(): void {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // a lock left by a killed run is older than any build takes
      if (Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 120_000)
        fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-explorer.js'), '--if-stale'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
