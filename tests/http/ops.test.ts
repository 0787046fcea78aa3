import { readFileSync } from 'node:fs';
import { anonymousFramework } from '../../src/server/caller-view';
import { post, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.address}${path}`, { headers });

describe('operations endpoints', () => {
  it('/healthz says the process is alive', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz reports the content version being served', async () => {
    const response = await get('/readyz');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: 'ready',
      contentVersion: anonymousFramework(server.store).version,
      tracks: 2,
      levels: 10,
    });
  });

  it('/schema.graphql serves the SDL that is checked in', async () => {
    const response = await get('/schema.graphql');
    expect(await response.text()).toBe(readFileSync(`${__dirname}/../../schema.graphql`, 'utf8'));
  });

  it('/metrics has request durations by operation, errors by code, content and process metrics', async () => {
    // a name the server knows (the explorer's): any other counts as "other"
    await post(server.url, {
      query: 'query ExplorerTracks { tracks { id } }',
      operationName: 'ExplorerTracks',
    });
    await post(server.url, { query: '{ diffLevels(from: "x/L1", to: "y/L2") { summary { added } } }' });
    await post(server.url, { query: 'query Bad { tracks { nope } }' });
    const response = await get('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      /graphql_request_duration_seconds_count\{operation="ExplorerTracks",cache="miss"\} 1/,
    );
    expect(text).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
    expect(text).toMatch(/graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/);
    expect(text).toContain(`content_version_info{version="${anonymousFramework(server.store).version}"} 1`);
    expect(text).toMatch(/content_load_duration_seconds \d/);
    expect(text).toMatch(/content_reloads_total\{result="failure"\} 0/);
    expect(text).toMatch(/process_resident_memory_bytes \d/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
  });

  it('bounds the operation-name label, so clients cannot grow the registry', async () => {
    await post(server.url, { query: 'query X { tracks { id } }', operationName: 'not a valid name' });
    const weird = `query ${'A'.repeat(100)} { tracks { id } }`;
    await post(server.url, { query: weird, operationName: 'A'.repeat(100) });
    const text = await (await get('/metrics')).text();
    expect(text).not.toContain('A'.repeat(100));
    expect(text).toMatch(/operation="other"/);
  });

  it('puts a request id on every response, keeping a sane one the caller sent', async () => {
    const own = await get('/healthz', { 'x-request-id': 'abc-123' });
    expect(own.headers.get('x-request-id')).toBe('abc-123');
    const hostile = await get('/healthz', { 'x-request-id': 'bad id\twith spaces' });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('HTTP caching', () => {
  const query = '{ level(id: "software-engineer/L2") { title } }';
  const url = () => `${server.url}?query=${encodeURIComponent(query)}`;
  const csrf = { 'apollo-require-preflight': '1' };

  it('answers a GET whose If-None-Match matches with 304 and no body', async () => {
    const first = await get(url().replace(server.address, ''), csrf);
    const etag = first.headers.get('etag')!;
    expect(first.status).toBe(200);
    const second = await fetch(url(), { headers: { ...csrf, 'if-none-match': etag } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
    expect(second.headers.get('etag')).toBe(etag);
    const weak = await fetch(url(), { headers: { ...csrf, 'if-none-match': `"other", W/${etag}` } });
    expect(weak.status).toBe(304);
    const stale = await fetch(url(), { headers: { ...csrf, 'if-none-match': '"stale"' } });
    expect(stale.status).toBe(200);
  });

  it('gives the same ETag to the same operation and a different one to different variables', async () => {
    const q = 'query L($id: ID!) { level(id: $id) { title } }';
    const a1 = await post(server.url, { query: q, variables: { id: 'software-engineer/L1' } });
    const a2 = await post(server.url, { query: q, variables: { id: 'software-engineer/L1' } });
    const b = await post(server.url, { query: q, variables: { id: 'software-engineer/L2' } });
    expect(a1.headers.get('etag')).toBe(a2.headers.get('etag'));
    expect(a1.headers.get('etag')).not.toBe(b.headers.get('etag'));
    expect(a2.text).toBe(a1.text);
  });

  it('answers repeated operations from the in-process cache, from their third request on', async () => {
    const q = { query: '{ tracks { id name } }' };
    const hits = async () =>
      Number(
        /response_cache_requests_total\{result="hit"\} (\d+)/.exec(
          await (await get('/metrics')).text(),
        )?.[1] ?? 0,
      );
    const before = await hits();
    await post(server.url, q);
    await post(server.url, q); // an answer is kept the second time it is made
    expect(await hits()).toBe(before);
    await post(server.url, q);
    await post(server.url, q);
    expect(await hits()).toBe(before + 2);
  });

  it('never caches or validates an error answer', async () => {
    const bad = await post(server.url, { query: '{ level(id: "x") { nope } }' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('etag')).toBeNull();
    expect(bad.headers.get('cache-control')).toBe('no-store');
  });
});

describe('CORS_ORIGINS', () => {
  it('answers a preflight from a listed origin and exposes the cache headers, and ignores others', async () => {
    const cors = await startTestServer({ CORS_ORIGINS: 'https://dash.example.com' });
    try {
      const preflight = await fetch(cors.url, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://dash.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://dash.example.com');
      const answer = await fetch(cors.url, {
        method: 'POST',
        headers: { origin: 'https://dash.example.com', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ tracks { id } }' }),
      });
      expect(answer.headers.get('access-control-expose-headers')).toContain('etag');
      const other = await fetch(cors.url, {
        method: 'POST',
        headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ tracks { id } }' }),
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await cors.close();
    }
  });
});
