import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../../src/server/request-limits';
import { buildTestApp } from '../support/app';

// A client's mistake is answered with a stable code as the protocol defines it, is never logged
// as a server fault, and never counted as an internal error.

const logLines: Record<string, unknown>[] = [];
let app: FastifyInstance;
let production: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({}, {}, { write: (line) => void logLines.push(JSON.parse(line)) });
  production = await buildTestApp({ NODE_ENV: 'production' });
});
afterAll(async () => {
  await app.close();
  await production.close();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const post = (target: FastifyInstance, payload: unknown) =>
  target.inject({ method: 'POST', url: '/graphql', payload: payload as object });
const codes = (body: string): string[] =>
  (JSON.parse(body).errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code);
const metric = async (name: string, code: string) =>
  Number(
    new RegExp(`${name}\\{code="${code}"\\} (\\d+)`).exec(
      (await app.inject({ url: '/metrics' })).body,
    )?.[1] ?? 0,
  );

describe('automatic persisted queries', () => {
  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, as Apollo defines it, and logs no fault', async () => {
    const before = logLines.filter((l) => Number(l.level) >= 50).length;
    const internal = await metric('graphql_errors_total', 'INTERNAL_SERVER_ERROR');
    const answer = await post(app, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('never sent') } },
    });
    expect(answer.statusCode).toBe(200);
    expect(codes(answer.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(logLines.filter((l) => Number(l.level) >= 50).length).toBe(before);
    expect(await metric('graphql_errors_total', 'INTERNAL_SERVER_ERROR')).toBe(internal);
    expect(await metric('graphql_errors_total', 'PERSISTED_QUERY_NOT_FOUND')).toBeGreaterThan(0);
  });

  it('registers a query sent with its hash and answers the hash alone afterwards', async () => {
    const query = '{ tracks { id name } }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    expect((await post(app, { query, extensions: { persistedQuery } })).statusCode).toBe(200);
    const byHash = await post(app, { extensions: { persistedQuery } });
    expect(byHash.statusCode).toBe(200);
    expect(JSON.parse(byHash.body).data.tracks.length).toBeGreaterThan(0);
  });

  it('refuses a hash that does not match the query', async () => {
    const answer = await post(app, {
      query: '{ tracks { id } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('something else') } },
    });
    expect(answer.statusCode).toBe(400);
    expect(codes(answer.body)).toEqual(['BAD_REQUEST']);
  });
});

describe('limits that count everything', () => {
  it('counts __typename aliases toward the alias limit', async () => {
    const query = `{ ${Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const answer = await post(app, { query });
    expect(answer.statusCode).toBe(400);
    expect(codes(answer.body)).toEqual(['TOO_MANY_ALIASES']);
  });
});

describe('no field suggestions in production', () => {
  const typo = {
    query: 'query F($f: LevelFilter) { levels(filter: $f) { id } }',
    variables: { f: { impactRadiuss: { in: ['team'] } } },
  };

  it('keeps "did you mean" in development, where introspection shows the schema anyway', async () => {
    const answer = await post(app, typo);
    expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.parse(answer.body).errors[0].message).toMatch(/Did you mean/);
  });

  it('drops it from variable errors and validation errors in production', async () => {
    for (const payload of [typo, { query: '{ trakcs { id } }' }]) {
      const answer = await post(production, payload);
      expect(answer.statusCode).toBe(400);
      expect(JSON.parse(answer.body).errors[0].message).not.toMatch(/Did you mean|"impactRadius"|"tracks"/);
    }
  });
});
