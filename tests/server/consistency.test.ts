import type { FastifyInstance, InjectOptions } from 'fastify';
import { table } from './consistency.table';
import { buildTestApp } from '../support/app';

// One behaviour for every request: whatever answers it (graphql-js, graphql-jit, the byte cache),
// a request gets the same status, content type and error codes every time, cold or warm, and the
// same as Apollo alone (the same app with the compiled path and the cache turned off).

interface Seen {
  status: number;
  contentType: string | undefined;
  codes: string[];
  /** The data of a success, byte for byte. */
  data: string | null;
}

async function send(app: FastifyInstance, request: InjectOptions): Promise<Seen> {
  const response = await app.inject({ url: '/graphql', ...request });
  let parsed: { errors?: { extensions?: { code?: string } }[]; data?: unknown } | null = null;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    parsed = null;
  }
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'] as string | undefined,
    codes: (parsed?.errors ?? []).map((e) => String(e.extensions?.code)),
    data: parsed?.errors === undefined && parsed?.data !== undefined ? JSON.stringify(parsed.data) : null,
  };
}

let fast: FastifyInstance;
let apolloAlone: FastifyInstance;
beforeAll(async () => {
  fast = await buildTestApp();
  apolloAlone = await buildTestApp({}, { compiledExecution: false, responseCache: false });
});
afterAll(async () => {
  await fast.close();
  await apolloAlone.close();
});

describe('one behaviour for every request', () => {
  it('has a table of at least 40 requests', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
  });

  it('answers every request the same way three times in a row, and again once every fast path is warm', async () => {
    const rounds: Seen[][] = table.map(() => []);
    for (let round = 0; round < 2; round++) {
      for (const [i, [, request]] of table.entries()) {
        for (let n = 0; n < 3; n++) rounds[i]!.push(await send(fast, request));
      }
    }
    const differing = table
      .map(([name], i) => ({ name, answers: rounds[i]! }))
      .filter(({ answers }) => answers.some((a) => JSON.stringify(a) !== JSON.stringify(answers[0])));
    expect(differing).toEqual([]);
  });

  it('answers every request as Apollo alone does', async () => {
    const mismatches = [];
    for (const [name, request] of table) {
      // twice first, so the fast paths have seen the request before the answer compared
      await send(fast, request);
      await send(fast, request);
      const ours = await send(fast, request);
      const apollo = await send(apolloAlone, request);
      if (JSON.stringify(ours) !== JSON.stringify(apollo)) mismatches.push({ name, ours, apollo });
    }
    expect(mismatches).toEqual([]);
  });

  it('really takes the fast paths on repeated requests', async () => {
    const text = (await fast.inject({ url: '/metrics' })).body;
    const count = (label: string) =>
      [
        ...text.matchAll(
          new RegExp(
            `graphql_request_duration_seconds_count\\{operation="[^"]*",cache="${label}"\\} (\\d+)`,
            'g',
          ),
        ),
      ].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(count('hit')).toBeGreaterThan(0);
    expect(count('compiled')).toBeGreaterThan(0);
  });
});
