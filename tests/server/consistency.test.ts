import type { FastifyInstance, InjectOptions } from 'fastify';
import { table } from './consistency.table';
import { buildTestApp } from '../support/app';

// One behaviour for every request: whatever answers it (graphql-js, graphql-jit, the byte cache),
// a request gets the same status, headers that caches and clients read, and error codes every time,
// cold or warm, and the same as Apollo alone (the same app with the compiled path and the cache
// turned off).

/** The response headers caches and clients act on; every path that answers must send the same. */
const COMPARED_HEADERS = ['content-type', 'vary', 'cache-control', 'etag', 'x-content-version'] as const;
/** Without the response cache there are no validators, so only these compare with Apollo alone. */
const APOLLO_ALONE_HEADERS = ['content-type', 'vary', 'x-content-version'] as const;

interface Seen {
  status: number;
  headers: Record<string, string | undefined>;
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
    headers: Object.fromEntries(
      COMPARED_HEADERS.map((name) => [name, response.headers[name] as string | undefined]),
    ),
    codes: (parsed?.errors ?? []).map((e) => String(e.extensions?.code)),
    data: parsed?.errors === undefined && parsed?.data !== undefined ? JSON.stringify(parsed.data) : null,
  };
}

function withHeaders(seen: Seen, names: readonly string[]): Seen {
  return { ...seen, headers: Object.fromEntries(names.map((name) => [name, seen.headers[name]])) };
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
    // Apollo alone has no validators, so it answers a matching If-None-Match with the full answer
    for (const [name, request] of table.filter(([name]) => !name.endsWith('(304)'))) {
      // twice first, so the fast paths have seen the request before the answer compared
      await send(fast, request);
      await send(fast, request);
      const ours = withHeaders(await send(fast, request), APOLLO_ALONE_HEADERS);
      const apollo = withHeaders(await send(apolloAlone, request), APOLLO_ALONE_HEADERS);
      if (JSON.stringify(ours) !== JSON.stringify(apollo)) mismatches.push({ name, ours, apollo });
    }
    expect(mismatches).toEqual([]);
  });

  it('really takes the fast paths on repeated requests', async () => {
    // an app of its own, so what it counts is what this test sent, whatever ran before it
    const app = await buildTestApp();
    try {
      for (const [, request] of table) for (let n = 0; n < 3; n++) await send(app, request);
      const text = (await app.inject({ url: '/metrics' })).body;
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
    } finally {
      await app.close();
    }
  });
});
