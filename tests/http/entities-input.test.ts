import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app';

// A gateway sends what another subgraph handed it; a representation it got wrong is the caller's
// mistake, answered as such, and never an internal error of this server.

const ENTITIES =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Track { id } ... on Level { id } } }';

const logLines: { level: number }[] = [];
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ FEDERATION: 'true' }, {}, { write: (line) => logLines.push(JSON.parse(line)) });
});
afterAll(() => app.close());

async function entities(representations: unknown[]): Promise<{ status: number; data?: any; errors?: any[] }> {
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    payload: { query: ENTITIES, variables: { r: representations } },
  });
  return { status: response.statusCode, ...response.json() };
}

async function internalErrorCount(): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const match = /graphql_errors_total\{code="INTERNAL_SERVER_ERROR"\} (\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

describe('_entities representations', () => {
  it.each([
    ['an unknown __typename', { __typename: 'Employee', id: 'software-engineer' }],
    ['no __typename', { id: 'software-engineer' }],
    ['a __typename that is not a string', { __typename: 7, id: 'software-engineer' }],
    ['no id', { __typename: 'Track' }],
    ['an id that is not a string', { __typename: 'Level', id: 42 }],
    ['not an object', 'software-engineer'],
  ])('answers BAD_USER_INPUT for a representation with %s, never an internal error', async (_, bad) => {
    const before = await internalErrorCount();
    const linesBefore = logLines.length;
    const body = await entities([{ __typename: 'Track', id: 'software-engineer' }, bad]);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0].path).toEqual(['_entities', 1]);
    // the well-formed representation beside it still resolves, in an answer that has data
    expect(body.data?._entities).toEqual([{ id: 'software-engineer' }, null]);
    expect(body.status).toBe(200);
    expect(await internalErrorCount()).toBe(before);
    // pino's warn is 40: nothing above it, so no stack at error level
    expect(logLines.slice(linesBefore).filter((l) => l.level > 40)).toEqual([]);
  });

  it('answers null, with no error, for a known type whose id does not exist', async () => {
    const body = await entities([
      { __typename: 'Track', id: 'no-such-track' },
      { __typename: 'Level', id: 'software-engineer/L99' },
    ]);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([null, null]);
  });
});
