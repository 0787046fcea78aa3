import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: 'https://dash.example.com' });
});
afterAll(async () => {
  await server.close();
});

const preflight = (origin: string) =>
  fetch(server.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('the CORS preflight', () => {
  it('lets a listed origin send an Authorization header', async () => {
    const answer = await preflight('https://dash.example.com');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://dash.example.com');
    const allowed = (answer.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']));
  });

  // without allow-origin a browser sends nothing, whatever other access-control headers come along
  it('gives an origin that is not listed no allow-origin, so its browser sends no token', async () => {
    const answer = await preflight('https://elsewhere.example.com');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
