/**
 * The two comparison targets, one per process: `node bench/dist/targets.js ceiling|mercurius`.
 * bench/http.ts transpiles this file to bench/dist/ so the targets run as plain node (tsx would add
 * an esbuild service to their memory). Both listen on 127.0.0.1:$PORT.
 *
 * ceiling: bare node:http answering each body with the bytes this server sent for it (the JSON
 * file $BENCH_RESPONSES, `{ "<body>": "<answer>", "<operationName>": "<answer>" }`; a unique body
 * gets its operation's answer), so it shows what HTTP alone costs here.
 * mercurius: the same type-graphql schema and content, from dist/, on Fastify + mercurius with
 * graphql-jit from the first repeat of a query (`jit: 1`).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';

const ROOT = join(__dirname, '..', '..');
const port = Number(process.env.PORT);
const host = '127.0.0.1';

function ceiling(): void {
  const answers = new Map(
    Object.entries(
      JSON.parse(readFileSync(process.env.BENCH_RESPONSES!, 'utf8')) as Record<string, string>,
    ).map(([k, v]) => [k, Buffer.from(v)]),
  );
  const answerFor = (body: string): Buffer | undefined => {
    try {
      return answers.get(body) ?? answers.get((JSON.parse(body) as { operationName: string }).operationName);
    } catch {
      return undefined;
    }
  };
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = answerFor(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(answer ?? '{"errors":[{"message":"no recorded answer"}]}');
    });
  }).listen(port, host);
}

async function mercuriusTarget(): Promise<void> {
  // schema.js loads reflect-metadata before any decorated class
  const { buildFrameworkSchema } = require(join(ROOT, 'dist', 'graphql', 'schema.js')) as {
    buildFrameworkSchema(): GraphQLSchema;
  };
  const { loadContent } = require(join(ROOT, 'dist', 'content', 'load.js')) as {
    loadContent(dir: string): Promise<{ ok: boolean; framework?: object }>;
  };
  const loaded = await loadContent(process.env.CONTENT_DIR ?? join(ROOT, 'content'));
  if (!loaded.ok) throw new Error('the content does not load');
  const { default: Fastify } = await import('fastify');
  const { default: mercurius } = await import('mercurius');
  const app = Fastify({ logger: false });
  const framework = loaded.framework;
  await app.register(mercurius, { schema: buildFrameworkSchema(), context: () => ({ framework }), jit: 1 });
  await app.listen({ port, host });
}

// exit with the orchestrator, even when it is killed outright and cannot stop its children
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1000).unref();
process.on('SIGTERM', () => process.exit(0));

if (process.argv[2] === 'ceiling') ceiling();
else
  mercuriusTarget().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
