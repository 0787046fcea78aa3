import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app';
import { buildHistory, type History } from '../support/git-content';
import { issuerEnv, startIssuer, type TestIssuer } from '../support/jwks';

let history: History;
let issuer: TestIssuer;
let app: FastifyInstance;
let token: string;
const STATIC_TOKEN = 'a-static-token-for-a-small-setup';

beforeAll(async () => {
  history = await buildHistory();
  issuer = await startIssuer();
  app = await buildTestApp({
    CONTENT_DIR: history.contentDir,
    ...issuerEnv(issuer),
    AUTH_TOKEN_SHA256: createHash('sha256').update(STATIC_TOKEN).digest('hex'),
  });
  token = await issuer.token({ scope: 'openid drafts' });
});
afterAll(async () => {
  await app.close();
  await issuer.close();
  history.remove();
});

async function send(query: string, bearer?: string, target = app) {
  const headers = bearer === undefined ? {} : { authorization: `Bearer ${bearer}` };
  const response = await target.inject({ method: 'POST', url: '/graphql', headers, payload: { query } });
  const body = response.json();
  return {
    status: response.statusCode,
    headers: response.headers,
    body,
    codes: (body.errors ?? []).map((e: any) => e.extensions?.code),
  };
}

const short = (oid: string) => oid.slice(0, 7);

// Each path a draft could leak by, with what a caller without and with the drafts permission gets.
const PATHS: [string, string, (h: History) => { anonymous: unknown; drafts: unknown }][] = [
  [
    'versions on other branches',
    '{ versions { id } }',
    (h) => {
      const { fixed, broken, draft, v2, v1 } = h.commits;
      return {
        anonymous: { versions: [fixed, broken, v2, v1].map((id) => ({ id })) },
        drafts: { versions: [fixed, broken, draft, v2, v1].map((id) => ({ id })) },
      };
    },
  ],
  [
    'a branch by name',
    '{ version(ref: "drafts") { id } }',
    (h) => ({
      anonymous: { version: null },
      drafts: { version: { id: h.commits.draft } },
    }),
  ],
  [
    'a draft level by id',
    '{ level(id: "demo/L4") { id status } }',
    () => ({
      anonymous: { level: null },
      drafts: { level: { id: 'demo/L4', status: 'DRAFT' } },
    }),
  ],
  [
    'a draft competency by id',
    '{ competency(id: "demo/L4/domain-expertise") { id } }',
    () => ({
      anonymous: { competency: null },
      drafts: { competency: { id: 'demo/L4/domain-expertise' } },
    }),
  ],
  [
    'a level of an unpublished branch',
    '{ level(id: "demo/L5@drafts") { id } }',
    (h) => ({
      anonymous: { level: null },
      drafts: { level: { id: `demo/L5@${short(h.commits.draft)}` } },
    }),
  ],
  [
    'the changes since a tag',
    '{ changes(since: "v2") { addedLevels { id } } }',
    () => ({
      anonymous: { changes: { addedLevels: [] } },
      drafts: { changes: { addedLevels: [{ id: 'demo/L4' }] } },
    }),
  ],
];

describe('drafts without the permission', () => {
  it.each(PATHS)('hides them from %s, and shows them with a token', async (_name, query, expected) => {
    const want = expected(history);
    const anonymous = await send(query);
    expect(anonymous.codes).toEqual([]);
    expect(anonymous.body.data).toEqual(want.anonymous);
    const allowed = await send(query, token);
    expect(allowed.codes).toEqual([]);
    expect(allowed.body.data).toEqual(want.drafts);
  });

  it.each([
    ['levels(filter: { includeDrafts: true })', '{ levels(filter: { includeDrafts: true }) { id } }'],
    ['Track.levels(includeDrafts: true)', '{ track(id: "demo") { levels(includeDrafts: true) { id } } }'],
    [
      'the matrix with drafts',
      '{ track(id: "demo") { competencyMatrix(includeDrafts: true) { levels { id } } } }',
    ],
  ])('refuses %s with 403 FORBIDDEN, and answers it with a token', async (_name, query) => {
    const anonymous = await send(query);
    expect(anonymous.status).toBe(403);
    expect(anonymous.codes).toEqual(['FORBIDDEN']);
    const allowed = await send(query, token);
    expect(allowed.status).toBe(200);
    expect(JSON.stringify(allowed.body.data)).toContain('demo/L4');
  });

  it('leaves drafts out of diffs, suggestions and search', async () => {
    const diff = await send('{ diffLevels(from: "demo/L2", to: "demo/L4") { to { id } } }');
    expect(diff.codes).toEqual(['BAD_USER_INPUT']);
    expect(diff.body.errors[0].extensions.suggestions).not.toContain('demo/L4');
    expect((await send('{ diffLevels(from: "demo/L2", to: "demo/L4") { to { id } } }', token)).codes).toEqual(
      [],
    );
    const search = await send('{ search(query: "strategy") { id } }');
    expect(search.body.data.search).toEqual([]);
    expect((await send('{ changes(since: "drafts") { since { id } } }')).codes).toEqual(['BAD_USER_INPUT']);
    expect((await send('{ changes(since: "drafts") { since { id } } }', token)).codes).toEqual([]);
  });
});

describe('bearer tokens', () => {
  it('grants drafts to a static token given by its hash', async () => {
    expect((await send('{ level(id: "demo/L4") { id } }', STATIC_TOKEN)).body.data.level).toEqual({
      id: 'demo/L4',
    });
  });

  it('gives a valid token without the drafts scope what everyone gets', async () => {
    const plain = await issuer.token({ scope: 'openid' });
    const answer = await send('{ level(id: "demo/L4") { id } }', plain);
    expect(answer.status).toBe(200);
    expect(answer.body.data.level).toBeNull();
    const role = await issuer.token({ roles: ['drafts'] });
    expect((await send('{ level(id: "demo/L4") { id } }', role)).body.data.level).toEqual({ id: 'demo/L4' });
  });

  it.each([
    ['expired', () => issuer.token({ scope: 'drafts' }, { expiresIn: '1h ago' })],
    ['for another audience', () => issuer.token({ scope: 'drafts', aud: 'someone-else' })],
    ['from another issuer', () => issuer.token({ scope: 'drafts', iss: 'https://elsewhere.example' })],
    ['signed with another key', () => issuer.token({ scope: 'drafts' }, { signWith: 'other' })],
    ['not a JWT', () => Promise.resolve('not-a-token')],
  ])('refuses a token %s with 401 UNAUTHORIZED', async (_name, make) => {
    const answer = await send('{ framework { version } }', await make());
    expect(answer.status).toBe(401);
    expect(answer.codes).toEqual(['UNAUTHORIZED']);
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
      payload: { query: '{ framework { version } }' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().errors[0].extensions.code).toBe('UNAUTHORIZED');
  });

  it('with AUTH_REQUIRED=true, refuses requests without a token and answers those with one', async () => {
    const closed = await buildTestApp({
      CONTENT_DIR: history.contentDir,
      ...issuerEnv(issuer),
      AUTH_REQUIRED: 'true',
    });
    try {
      const without = await send('{ framework { version } }', undefined, closed);
      expect(without.status).toBe(401);
      expect(without.codes).toEqual(['UNAUTHORIZED']);
      expect((await send('{ framework { version } }', token, closed)).status).toBe(200);
      expect((await closed.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  });
});

describe('caching answers that depend on the caller', () => {
  it('keys the server cache by permission, and marks answers to a token private', async () => {
    const url = `/graphql?query=${encodeURIComponent('{ level(id: "demo/L4") { id } }')}`;
    const get = (bearer?: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: {
          'apollo-require-preflight': 'true',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
      });
    // twice each, so the cache keeps both answers; then each caller must still get its own
    for (let round = 0; round < 3; round++) {
      const anonymous = await get();
      expect(anonymous.json().data.level).toBeNull();
      expect(anonymous.headers['cache-control']).toMatch(/^public/);
      expect(anonymous.headers.vary).toMatch(/authorization/i);
      const allowed = await get(token);
      expect(allowed.json().data.level).toEqual({ id: 'demo/L4' });
      expect(allowed.headers['cache-control']).toMatch(/^private/);
    }
  });
});
