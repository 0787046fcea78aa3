/**
 * What the comparison targets share: where the repository is, where to listen (always loopback),
 * and the schema and content taken from the compiled server in dist/, so every target runs the
 * same resolvers compiled the same way as the server under test.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GraphQLSchema } from 'graphql';

/** The repository: BENCH_ROOT when the orchestrator sets it, else the nearest folder above with content/. */
export function repoRoot(): string {
  const given = process.env.BENCH_ROOT;
  if (given) return resolve(given);
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'content'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the repository root; set BENCH_ROOT');
}

/** PORT from the environment; the host is always 127.0.0.1, whatever HOST says. */
export function listenAddress(): { port: number; host: '127.0.0.1' } {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`PORT must be 1-65535, got ${process.env.PORT}`);
  return { port, host: '127.0.0.1' };
}

/** The one line the orchestrator may read to learn the target is up (it also polls). */
export function announce(address: string): void {
  process.stdout.write(`${JSON.stringify({ listening: address })}\n`);
}

// The parts of the compiled server the targets use; declared here so that compiling bench/ does not
// pull src/ into its program.
interface SchemaModule {
  buildFrameworkSchema(): GraphQLSchema;
}
type LoadResult = { ok: true; framework: object } | { ok: false; problems: unknown[] };
interface LoadModule {
  loadContent(dir: string): Promise<LoadResult>;
}

/** The type-graphql schema and the loaded framework, from dist/ (run `npm run build` first). */
export async function schemaAndFramework(): Promise<{ schema: GraphQLSchema; framework: object }> {
  const root = repoRoot();
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'graphql', 'schema.js')))
    throw new Error(`${dist} has no build; run npm run build`);
  // schema.js loads reflect-metadata before any decorated class
  const { buildFrameworkSchema } = require(join(dist, 'graphql', 'schema.js')) as SchemaModule;
  const { loadContent } = require(join(dist, 'content', 'load.js')) as LoadModule;
  const dir = process.env.CONTENT_DIR ? resolve(process.env.CONTENT_DIR) : join(root, 'content');
  const loaded = await loadContent(dir);
  if (!loaded.ok) throw new Error(`content in ${dir} has ${loaded.problems.length} problem(s)`);
  return { schema: buildFrameworkSchema(), framework: loaded.framework };
}

/**
 * Exit on any start-up failure with the reason, so the orchestrator sees it in the log; and exit
 * when the orchestrator is gone (killed outright, it cannot stop its children), never lingering.
 */
export function run(main: () => Promise<void>): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000).unref();
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
