import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app';

// A GET answer is for shared caches and its type follows Accept: Vary must name every request
// header the answer depends on, whichever path (Apollo, the byte cache, a 304) sends it.

const preflight = { 'apollo-require-preflight': 'true' };
const url = `/graphql?${new URLSearchParams({ query: '{ tracks { id } }' }).toString()}`;

const varied = (header: unknown): string[] =>
  String(header ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .sort();

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('Vary on /graphql', () => {
  it.each([['application/json'], ['application/graphql-response+json']])(
    'names Accept and Authorization on a GET for %s, cold, cached and as a 304',
    async (accept) => {
      const seen: string[][] = [];
      let etag = '';
      for (let n = 0; n < 4; n++) {
        const response = await app.inject({ url, headers: { ...preflight, accept } });
        expect(response.statusCode).toBe(200);
        etag = String(response.headers.etag);
        seen.push(varied(response.headers.vary));
      }
      for (let n = 0; n < 2; n++) {
        const response = await app.inject({ url, headers: { ...preflight, accept, 'if-none-match': etag } });
        expect(response.statusCode).toBe(304);
        seen.push(varied(response.headers.vary));
      }
      expect(seen).toEqual(Array.from({ length: 6 }, () => ['accept', 'authorization']));
    },
  );

  it('names Accept and Authorization on POST answers and on errors', async () => {
    const ok = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ tracks { id } }' } });
    const invalid = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ nope }' } });
    expect(invalid.json().errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect([varied(ok.headers.vary), varied(invalid.headers.vary)]).toEqual([
      ['accept', 'authorization'],
      ['accept', 'authorization'],
    ]);
  });

  it('names Authorization on the competency matrix CSV export', async () => {
    const response = await app.inject({ url: '/export/software-engineer.csv' });
    expect(response.statusCode).toBe(200);
    expect(varied(response.headers.vary)).toContain('authorization');
  });
});
