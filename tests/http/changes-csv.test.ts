import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app';
import { buildHistory, type History } from '../support/git-content';
import { issuerEnv, startIssuer, type TestIssuer } from '../support/jwks';

let history: History;
let issuer: TestIssuer;
let app: FastifyInstance;

beforeAll(async () => {
  history = await buildHistory();
  issuer = await startIssuer();
  app = await buildTestApp({ CONTENT_DIR: history.contentDir, ...issuerEnv(issuer) });
});
afterAll(async () => {
  await app.close();
  await issuer.close();
  history.remove();
});

const get = (query: string, bearer?: string) =>
  app.inject({
    url: `/export/changes.csv?${query}`,
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });

const rows = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe('/export/changes.csv', () => {
  it('lists added, removed and changed levels between two tags, one row each', async () => {
    const response = await get('since=v1&until=v2');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(rows(response.body)).toEqual([
      'change,level,track,code,title,added,removed,changed,unchanged',
      'added,platform/L1,platform,L1,Platform Engineer,1,0,0,0',
      'removed,demo/L3,demo,L3,Senior Demo,0,1,0,0',
      'changed,demo/L2,demo,L2,Demo,0,0,1,0',
    ]);
    const again = await app.inject({
      url: '/export/changes.csv?since=v1&until=v2',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('shows draft levels and other branches only to a token with the drafts permission', async () => {
    const token = await issuer.token({ scope: 'drafts' });
    expect(rows((await get('since=v2')).body)).not.toContainEqual(expect.stringContaining('demo/L4'));
    const allowed = await get('since=v2', token);
    expect(rows(allowed.body)).toContain('added,demo/L4,demo,L4,Staff Demo,1,0,0,0');
    expect(allowed.headers['cache-control']).toBe('private, no-cache');
    expect((await get('since=drafts')).statusCode).toBe(400);
    expect((await get('since=drafts', token)).statusCode).toBe(200);
  });

  it('refuses a missing or unknown ref, a broken version and an invalid token, with their codes', async () => {
    const code = async (query: string, bearer?: string) => {
      const response = await get(query, bearer);
      return [response.statusCode, response.json().errors[0].extensions.code];
    };
    expect(await code('until=v2')).toEqual([400, 'BAD_USER_INPUT']);
    expect(await code('since=nope')).toEqual([400, 'BAD_USER_INPUT']);
    expect(await code('since=v1&until=nope')).toEqual([400, 'BAD_USER_INPUT']);
    expect(await code(`since=${history.commits.broken}`)).toEqual([422, 'VERSION_CONTENT_INVALID']);
    expect(await code('since=v1', 'not-a-token')).toEqual([401, 'UNAUTHORIZED']);
  });
});
