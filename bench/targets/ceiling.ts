/**
 * The ceiling: a bare node:http server that reads each request body and answers with the bytes the
 * real server sent for it, so its numbers are what HTTP alone costs on this machine.
 *
 * BENCH_RESPONSES names a JSON file written by the orchestrator:
 *   { "exact": [{ "body": "<request body>", "response": "<response bytes>" }],
 *     "byOperationName": { "<operationName>": "<response bytes>" } }
 * A body seen in `exact` gets its own answer; any other (the "unique" operations, whose variables
 * change on every request) gets the representative answer for its operationName.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { announce, listenAddress, run } from './common';

interface Responses {
  exact: { body: string; response: string }[];
  byOperationName: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

run(async () => {
  const file = process.env.BENCH_RESPONSES;
  if (!file) throw new Error('BENCH_RESPONSES must name the responses file');
  const responses = JSON.parse(readFileSync(file, 'utf8')) as Responses;
  const exact = new Map(responses.exact.map((r) => [r.body, Buffer.from(r.response)]));
  const byName = new Map(Object.entries(responses.byOperationName).map(([k, v]) => [k, Buffer.from(v)]));

  const answerFor = (body: string): Buffer | undefined => {
    const hit = exact.get(body);
    if (hit) return hit;
    try {
      const name = (JSON.parse(body) as { operationName?: unknown }).operationName;
      return typeof name === 'string' ? byName.get(name) : undefined;
    } catch {
      return undefined;
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = req.method === 'POST' ? answerFor(Buffer.concat(chunks).toString('utf8')) : undefined;
      if (!answer) {
        res.writeHead(404, { 'content-type': JSON_TYPE });
        res.end('{"errors":[{"message":"no recorded response for this request"}]}');
        return;
      }
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': answer.length });
      res.end(answer);
    });
  });
  const { port, host } = listenAddress();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  announce(`http://${host}:${port}/graphql`);
  const stop = (): void => void server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
