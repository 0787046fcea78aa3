import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Bundles GraphiQL when a source is newer than the last build (esbuild: a few seconds). */
export function ensureGraphiqlBuilt(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-graphiql.js'), '--if-stale'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
