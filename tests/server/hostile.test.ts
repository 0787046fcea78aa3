import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../../src/server/request-limits';
import { buildTestApp } from '../support/app';

// Driven in-process with app.inject(): the whole application, every plugin and limit, without a
// port (Node's and Fastify's refusals before routing are tests/http/refusals.test.ts, on a socket).
let server: FastifyInstance;
let production: FastifyInstance;
beforeAll(async () => {
  server = await buildTestApp();
  production = await buildTestApp({ NODE_ENV: 'production' });
});
afterAll(async () => {
  await server.close();
  await production.close();
});

interface Raw {
  method?: string;
  path?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

/** Sends exactly these bytes, whatever a client library would refuse to send. */
async function send(target: FastifyInstance, raw: Raw) {
  const response = await target.inject({
    method: (raw.method ?? 'POST') as 'POST',
    url: raw.path ?? '/graphql',
    headers: raw.body === undefined ? raw.headers : { 'content-type': 'application/json', ...raw.headers },
    ...(raw.body === undefined ? {} : { payload: raw.body }),
  });
  const text = response.body;
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.statusCode, json, text, headers: response.headers };
}

const q = (query: string, extra: object = {}) => JSON.stringify({ query, ...extra });
const nested = (depth: number) =>
  `{ level(id: "x") { ${'previous { '.repeat(depth)}id${' }'.repeat(depth)} } }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: tracks { id }`).join(' ')} }`;
const directives = (n: number) => `{ tracks { id ${'@include(if: true) '.repeat(n)} } }`;
const tokens = (n: number) => `{ ${'tracks { id } '.repeat(Math.ceil(n / 4))} }`;
// wide and deep but within the depth and alias limits: only the cost rule stops it
const costly = `{ ${Array.from({ length: 12 }, (_, i) => `t${i}: framework { tracks { levels { competencies { expectations { level { competencies { examples { level { competencies { name slug emoji id } } } } } } } } } }`).join(' ')} }`;

const cases: [string, Raw, number, string][] = [
  ['selection nesting over the depth limit', { body: q(nested(LIMITS.depth + 2)) }, 400, 'QUERY_TOO_DEEP'],
  [
    'a fragment that spreads itself',
    { body: q('fragment F on Level { previous { ...F } } { level(id: "x") { ...F } }') },
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'fragments that spread each other',
    {
      body: q(
        'fragment A on Level { next { ...B } } fragment B on Level { previous { ...A } } { level(id: "x") { ...A } }',
      ),
    },
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['too many aliases', { body: q(aliases(LIMITS.aliases + 1)) }, 400, 'TOO_MANY_ALIASES'],
  ['too many directives', { body: q(directives(LIMITS.directives + 1)) }, 400, 'TOO_MANY_DIRECTIVES'],
  ['too many tokens', { body: q(tokens(LIMITS.tokens + 100)) }, 400, 'GRAPHQL_PARSE_FAILED'],
  ['a query over the cost limit', { body: q(costly) }, 400, 'QUERY_TOO_COMPLEX'],
  [
    'a body over 64 KiB',
    { body: q(`{ tracks { id } } # ${'x'.repeat(LIMITS.bodyBytes)}`) },
    413,
    'PAYLOAD_TOO_LARGE',
  ],
  [
    'a batch of operations',
    { body: JSON.stringify([{ query: '{ tracks { id } }' }, { query: '{ tracks { id } }' }]) },
    400,
    'BAD_REQUEST',
  ],
  [
    'GET without a CSRF header',
    { method: 'GET', path: '/graphql?query=%7Btracks%7Bid%7D%7D' },
    400,
    'BAD_REQUEST',
  ],
  [
    'a form-encoded POST (CSRF)',
    { body: 'query=%7Btracks%7Bid%7D%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    415,
    'UNSUPPORTED_MEDIA_TYPE',
  ],
  [
    'a text/plain POST (CSRF)',
    { body: q('{ tracks { id } }'), headers: { 'content-type': 'text/plain' } },
    400,
    'BAD_REQUEST',
  ],
  ['PUT', { method: 'PUT', body: q('{ tracks { id } }') }, 405, 'METHOD_NOT_ALLOWED'],
  ['DELETE', { method: 'DELETE' }, 405, 'METHOD_NOT_ALLOWED'],
  ['PATCH', { method: 'PATCH', body: q('{ tracks { id } }') }, 405, 'METHOD_NOT_ALLOWED'],
  ['invalid JSON', { body: '{"query": "{ tracks { id } }"' }, 400, 'INVALID_JSON'],
  ['an empty JSON body', { body: '' }, 400, 'BAD_REQUEST'],
  ['a JSON body that is not an object', { body: '"{ tracks { id } }"' }, 400, 'BAD_REQUEST'],
  ['no query', { body: JSON.stringify({ variables: {} }) }, 400, 'BAD_REQUEST'],
  ['a query that is not a string', { body: JSON.stringify({ query: 42 }) }, 400, 'BAD_REQUEST'],
  [
    'variables as a JSON string',
    { body: JSON.stringify({ query: '{ tracks { id } }', variables: '{}' }) },
    400,
    'BAD_REQUEST',
  ],
  [
    'a variable of the wrong type',
    { body: q('query($n: Int) { search(query: "x", limit: $n) { id } }', { variables: { n: 'ten' } }) },
    400,
    'BAD_USER_INPUT',
  ],
  [
    'an Int variable out of range',
    { body: q('query($n: Int) { search(query: "x", limit: $n) { id } }', { variables: { n: 1e100 } }) },
    400,
    'BAD_USER_INPUT',
  ],
  [
    'deeply nested variables',
    {
      body: `{"query": "query($f: LevelFilter) { levels(filter: $f) { id } }", "variables": {"f": ${'['.repeat(5000)}${']'.repeat(5000)}}}`,
    },
    400,
    'BAD_USER_INPUT',
  ],
  [
    'an unknown operationName',
    { body: q('query A { tracks { id } }', { operationName: 'B' }) },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'two operations and no operationName',
    { body: q('query A { tracks { id } } query B { tracks { name } }') },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  ['a syntax error', { body: q('{ tracks { id }') }, 400, 'GRAPHQL_PARSE_FAILED'],
  ['an unknown field', { body: q('{ tracks { salary } }') }, 400, 'GRAPHQL_VALIDATION_FAILED'],
  [
    'a mutation (the schema has none)',
    { body: q('mutation { deleteEverything }') },
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a subscription (the schema has none)',
    { body: q('subscription { tracks { id } }') },
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a search argument over 200 characters',
    { body: q(`{ search(query: "${'a'.repeat(201)}") { id } }`) },
    400,
    'BAD_USER_INPUT',
  ],
  [
    'a search limit over 100',
    { body: q('{ search(query: "team", limit: 1000) { id } }') },
    400,
    'BAD_USER_INPUT',
  ],
  [
    'an id over 200 characters',
    { body: q(`{ level(id: "${'x'.repeat(300)}") { id } }`) },
    400,
    'BAD_USER_INPUT',
  ],
  [
    'an unknown level in a diff',
    { body: q('{ diffLevels(from: "a/L1", to: "b/L2") { summary { added } } }') },
    400,
    'BAD_USER_INPUT',
  ],
  ['a NUL character in the query', { body: q('{ tracks { id } }\u0000') }, 400, 'GRAPHQL_PARSE_FAILED'],
  [
    'a lone surrogate in the query text',
    { body: '{"query": "{ tracks { id } } #\\ud800"}' },
    400,
    'GRAPHQL_PARSE_FAILED',
  ],
  [
    'a lone surrogate in a search',
    { body: q('query($q: String!) { search(query: $q) { id } }', { variables: { q: '\ud800team' } }) },
    200,
    '',
  ],
  [
    'NUL inside a search string',
    { body: q('query($q: String!) { search(query: $q) { id } }', { variables: { q: 'te\u0000am' } }) },
    200,
    '',
  ],
  [
    'bidi overrides in a search',
    {
      body: q('query($q: String!) { search(query: $q) { id } }', {
        variables: { q: '\u202eteam\u202c \u2066x\u2069' },
      }),
    },
    200,
    '',
  ],
  [
    'bidi overrides in an id',
    {
      body: q('query($id: ID!) { level(id: $id) { id } }', {
        variables: { id: 'site-reliability-engineer/\u202eL3' },
      }),
    },
    200,
    '',
  ],
  [
    'invalid UTF-8 bytes in the body',
    {
      body: Buffer.concat([
        Buffer.from('{"query": "{ tracks { id } } # '),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('"}'),
      ]),
    },
    200,
    '',
  ],
  [
    '__proto__ in variables',
    {
      body: '{"query": "query($f: LevelFilter) { levels(filter: $f) { id } }", "variables": {"f": {"__proto__": {"polluted": true}, "code": "L1"}}}',
    },
    400,
    'INVALID_JSON',
  ],
  ['an unknown path', { method: 'GET', path: '/admin' }, 404, 'NOT_FOUND'],
  [
    'introspection in production',
    { body: q('{ __schema { types { name } } }') },
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
];

describe('hostile and malformed requests against the whole application', () => {
  it.each(cases)('%s', async (name, raw, status, code) => {
    const chosen = name.includes('in production') ? production : server;
    const response = await send(chosen, raw);
    expect(response.status).toBe(status);
    expect(response.status).toBeLessThan(500);
    expect(response.json).not.toBeNull();
    expect(response.text).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/); // no stack trace
    if (code) {
      expect(response.json.errors.map((e: any) => e.extensions.code)).toContain(code);
      for (const error of response.json.errors)
        expect(error.extensions.requestId).toEqual(expect.any(String));
    } else {
      expect(response.json.errors).toBeUndefined();
    }
  });

  it('sends no field suggestions in production, and does in development', async () => {
    const body = q('{ tracks { nme } }');
    const dev = await send(server, { body });
    const prod = await send(production, { body });
    expect(dev.json.errors[0].message).toMatch(/Did you mean/);
    expect(prod.json.errors[0].message).not.toMatch(/Did you mean/);
    expect(prod.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('allows introspection in development, and in production with INTROSPECTION=true', async () => {
    const body = q('{ __schema { queryType { name } } }');
    expect((await send(server, { body })).status).toBe(200);
    const opened = await buildTestApp({ NODE_ENV: 'production', INTROSPECTION: 'true' });
    try {
      expect((await send(opened, { body })).json.data.__schema.queryType.name).toBe('Query');
    } finally {
      await opened.close();
    }
  });

  it('keeps the schema public at /schema.graphql even in production', async () => {
    const response = await send(production, { method: 'GET', path: '/schema.graphql' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('type Query');
  });
});

describe('hostile requests to the other surfaces', () => {
  const mcp = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const call = (id: number) => ({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'search', arguments: { query: 'team' } },
  });
  const answer = async (raw: Raw) => {
    const response = await send(server, raw);
    expect(response.status).toBeLessThan(500);
    expect(response.text).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/); // no stack trace
    return response;
  };

  it('the MCP endpoint refuses a batch, a message that is not JSON-RPC and broken JSON', async () => {
    const batch = await answer({ path: '/mcp', headers: mcp, body: JSON.stringify([call(1), call(2)]) });
    expect([batch.status, batch.json.error.code]).toEqual([400, -32600]);
    const notRpc = await answer({ path: '/mcp', headers: mcp, body: '{"hello": 1}' });
    expect(notRpc.status).toBe(400);
    const broken = await answer({ path: '/mcp', headers: mcp, body: '{"jsonrpc": ' });
    expect(broken.json.errors[0].extensions.code).toBe('INVALID_JSON');
    const unknownTool = await answer({
      path: '/mcp',
      headers: mcp,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'rm', arguments: {} },
      }),
    });
    expect(unknownTool.json.result.isError).toBe(true);
  });

  it('the feed, the exports and CASE answer odd parameters with their codes', async () => {
    const get = (path: string) => answer({ method: 'GET', path });
    expect((await get('/changes.atom?track=%00')).json.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await get('/changes.atom?track=a&track=b')).json.errors[0].extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await get('/export/site-reliability-engineer.csv?profile=__proto__')).status).toBe(400);
    expect((await get('/export/site-reliability-engineer.csv?rows=__proto__')).status).toBe(400);
    const sre = 'site-reliability-engineer';
    for (const query of [
      '?from=__proto__&to=constructor',
      `?from=${sre}/L2&to=${'x'.repeat(5000)}`,
      `?from[]=${sre}/L2&to=${sre}/L3`,
    ])
      expect((await get(`/export/checklist.md${query}`)).json.errors[0].extensions.code).toBe(
        'BAD_USER_INPUT',
      );
    const minor = (body: any) => body.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue;
    expect(minor((await get('/ims/case/v1p1/CFPackages/..%2F..%2Fetc%2Fpasswd')).json)).toBe('invalid_uuid');
    expect(minor((await get('/ims/case/v1p1/CFDocuments?limit=1e9')).json)).toBe('invalid_selection_field');
    expect(minor((await get('/ims/case/v1p1/CFDocuments?offset=-1')).json)).toBe('invalid_selection_field');
    expect(minor((await get('/ims/case/v1p1/CFDocuments?sort=__proto__')).json)).toBe('invalid_sort_field');
  });
});

describe('unexpected errors', () => {
  it('are masked as INTERNAL_SERVER_ERROR with the request id', async () => {
    // a resolver that throws: make the framework's track lookup fail once, as a bug would
    // the Framework is frozen, so stand a broken one in front of it, as a bug in a lookup would be
    const store = server.store as any;
    const original = store.framework;
    store.framework = Object.create(original, {
      track: {
        value: () => {
          throw new Error('secret database password in this message');
        },
      },
    });
    try {
      const response = await send(server, {
        body: JSON.stringify({ query: '{ track(id: "software-engineer") { id } }' }),
        headers: { 'x-request-id': 'trace-me-123' },
      });
      expect(response.json.errors[0].extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        requestId: 'trace-me-123',
      });
      expect(response.text).not.toContain('secret');
      expect(response.headers['x-request-id']).toBe('trace-me-123');
    } finally {
      store.framework = original;
    }
  });
});
