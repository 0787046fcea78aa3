import { createHash } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { LIMITS } from '../../src/server/request-limits';

const preflight = { 'apollo-require-preflight': 'true' };
const json = { 'content-type': 'application/json' };
const body = (value: unknown) => ({ headers: json, payload: JSON.stringify(value) });
const get = (params: Record<string, string>, headers: Record<string, string> = preflight) => ({
  method: 'GET' as const,
  url: `/graphql?${new URLSearchParams(params).toString()}`,
  headers,
});
const post = (value: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  ...body(value),
  headers: { ...json, ...headers },
});
const raw = (payload: string, headers: Record<string, string>) => ({
  method: 'POST' as const,
  payload,
  headers,
});

const level = 'query L($id: ID!) { level(id: $id) { id title competencies { slug expectations { text } } } }';
const nested = (depth: number) =>
  `{ level(id: "x") { ${'previous { '.repeat(depth)}id${' }'.repeat(depth)} } }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: tracks { id }`).join(' ')} }`;
const directives = (n: number) => `{ tracks { id ${'@include(if: true) '.repeat(n)} } }`;
const costly = `{ ${Array.from({ length: 12 }, (_, i) => `t${i}: framework { tracks { levels { competencies { expectations { level { competencies { examples { level { competencies { name slug emoji id } } } } } } } } } }`).join(' ')} }`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = '{ tracks { name } }';

/** Requests of every kind: valid, invalid, hostile, every method, Accept and content type. */
export const table: [string, InjectOptions][] = [
  ['POST a valid query', post({ query: '{ tracks { id } }' })],
  ['POST with variables', post({ query: level, variables: { id: 'site-reliability-engineer/L3' } })],
  [
    'POST a named operation with operationName',
    post({ query: 'query T { tracks { id } }', operationName: 'T' }),
  ],
  ['POST operationName that is a number', post({ query: '{ levels { code } }', operationName: 5 })],
  ['POST operationName that names nothing', post({ query: 'query A { tracks { id } }', operationName: 'B' })],
  [
    'POST two operations, no operationName',
    post({ query: 'query A { tracks { id } } query B { levels { id } }' }),
  ],
  [
    'POST two operations, one chosen',
    post({ query: 'query A { tracks { id } } query B { levels { id } }', operationName: 'B' }),
  ],
  ['POST operationName null', post({ query: '{ tracks { id } }', operationName: null })],
  ['POST variables null', post({ query: '{ tracks { id } }', variables: null })],
  ['POST variables as an array', post({ query: '{ tracks { id } }', variables: [1] })],
  ['POST variables as a string', post({ query: '{ tracks { id } }', variables: '{}' })],
  ['POST a query that is a number', post({ query: 42 })],
  ['POST no query', post({ variables: {} })],
  ['POST an unknown field', post({ query: '{ nope }' })],
  ['POST a syntax error', post({ query: '{ tracks { id }' })],
  ['POST a variable of the wrong type', post({ query: level, variables: { id: 5 } })],
  ['POST a missing variable', post({ query: level, variables: {} })],
  ['POST an id over its length limit', post({ query: level, variables: { id: 'x'.repeat(300) } })],
  [
    'POST an unknown level id in a diff',
    post({ query: '{ diffLevels(from: "a/L1", to: "b/L2") { summary { added } } }' }),
  ],
  ['POST search with limit 100000', post({ query: '{ search(query: "team", limit: 100000) { id } }' })],
  [
    'POST search with limit in a variable',
    post({ query: 'query S($n: Int) { search(query: "team", limit: $n) { id } }', variables: { n: 100000 } }),
  ],
  ['POST nesting over the depth limit', post({ query: nested(LIMITS.depth + 2) })],
  ['POST too many aliases', post({ query: aliases(LIMITS.aliases + 1) })],
  ['POST too many directives', post({ query: directives(LIMITS.directives + 1) })],
  ['POST a query over the cost limit', post({ query: costly })],
  [
    'POST a self-spreading fragment',
    post({ query: 'fragment F on Level { previous { ...F } } { level(id: "x") { ...F } }' }),
  ],
  ['POST a mutation', post({ query: 'mutation { tracks }' })],
  ['POST a subscription', post({ query: 'subscription { tracks { id } }' })],
  ['POST introspection', post({ query: '{ __schema { queryType { name } } }' })],
  ['POST __typename', post({ query: '{ __typename }' })],
  ['POST empty extensions', post({ query: '{ tracks { id } }', extensions: {} })],
  ['POST extensions as a string', post({ query: '{ tracks { id } }', extensions: '{}' })],
  [
    'POST an unknown persisted query hash',
    post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('nothing') } } }),
  ],
  [
    'POST a persisted query with its text',
    post({ query: apq, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(apq) } } }),
  ],
  ['POST a batch', raw(JSON.stringify([{ query: '{ tracks { id } }' }]), json)],
  ['POST a JSON string', raw('"{ tracks { id } }"', json)],
  ['POST an empty body', raw('', json)],
  ['POST invalid JSON', raw('{"query": "{ tracks { id } }"', json)],
  [
    'POST text/plain without the preflight header',
    raw('{"query":"{ tracks { id } }"}', { 'content-type': 'text/plain' }),
  ],
  [
    'POST text/plain with the preflight header',
    raw('{"query":"{ tracks { id } }"}', { 'content-type': 'text/plain', ...preflight }),
  ],
  [
    'POST a form',
    raw('query=%7B%20tracks%20%7B%20id%20%7D%20%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
  ],
  [
    'POST Accept graphql-response+json',
    post({ query: '{ tracks { id } }' }, { accept: 'application/graphql-response+json' }),
  ],
  [
    'POST Accept graphql-response+json, invalid',
    post({ query: '{ nope }' }, { accept: 'application/graphql-response+json' }),
  ],
  [
    'POST Accept both, JSON preferred',
    post(
      { query: '{ tracks { id } }' },
      { accept: 'application/json, application/graphql-response+json;q=0.9' },
    ),
  ],
  ['POST Accept text/html', post({ query: '{ tracks { id } }' }, { accept: 'text/html' })],
  ['POST Accept */*', post({ query: '{ tracks { id } }' }, { accept: '*/*' })],
  ['GET with the preflight header', get({ query: '{ tracks { id } }' })],
  ['GET without the preflight header', get({ query: '{ tracks { id } }' }, {})],
  [
    'GET with x-apollo-operation-name',
    get({ query: 'query T { tracks { id } }' }, { 'x-apollo-operation-name': 'T' }),
  ],
  ['GET with variables', get({ query: level, variables: JSON.stringify({ id: 'software-engineer/L2' }) })],
  ['GET with variables that are not JSON', get({ query: level, variables: '{id' })],
  [
    'GET an invalid query with If-None-Match *',
    get({ query: '{ nope }' }, { ...preflight, 'if-none-match': '*' }),
  ],
  [
    'GET a valid query with If-None-Match * (304)',
    get({ query: '{ tracks { id } }' }, { ...preflight, 'if-none-match': '*' }),
  ],
  [
    'GET Accept graphql-response+json with If-None-Match * (304)',
    get(
      { query: '{ levels { id } }' },
      { ...preflight, accept: 'application/graphql-response+json', 'if-none-match': '*' },
    ),
  ],
  ['GET Accept text/html', get({ query: '{ tracks { id } }' }, { ...preflight, accept: 'text/html' })],
  [
    'GET Accept graphql-response+json',
    get({ query: '{ tracks { id } }' }, { ...preflight, accept: 'application/graphql-response+json' }),
  ],
  ['GET a mutation', get({ query: 'mutation { tracks }' })],
  [
    'GET with content-type text/plain',
    get({ query: '{ tracks { id } }' }, { ...preflight, 'content-type': 'text/plain' }),
  ],
  ['GET no query', get({})],
  ['HEAD with the preflight header', { ...get({ query: '{ tracks { id } }' }), method: 'HEAD' }],
  ['PUT', { method: 'PUT', ...body({ query: '{ tracks { id } }' }) }],
  ['DELETE', { method: 'DELETE', url: '/graphql' }],
  ['PATCH', { method: 'PATCH', ...body({ query: '{ tracks { id } }' }) }],
  ['OPTIONS', { method: 'OPTIONS', url: '/graphql' }],
  // the other surfaces that show framework data
  ['GET the change feed', { method: 'GET', url: '/changes.atom' }],
  ['GET the change feed of an unknown track', { method: 'GET', url: '/changes.atom?track=nope' }],
  ['GET CASE documents', { method: 'GET', url: '/ims/case/v1p1/CFDocuments' }],
  ['GET a CASE package that is not there', { method: 'GET', url: '/ims/case/v1p1/CFPackages/x' }],
  ['GET a 15Five export', { method: 'GET', url: '/export/software-engineer.csv?profile=15five' }],
  ['GET an item-rows export', { method: 'GET', url: '/export/software-engineer.csv?rows=items' }],
  [
    'GET a step checklist',
    {
      method: 'GET',
      url: '/export/checklist.md?from=site-reliability-engineer/L2&to=site-reliability-engineer/L3',
    },
  ],
  ['GET a step checklist of unknown levels', { method: 'GET', url: '/export/checklist.csv?from=a&to=b' }],
  [
    'POST an MCP tools/list',
    {
      method: 'POST',
      url: '/mcp',
      headers: { ...json, accept: 'application/json, text/event-stream' },
      payload: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    },
  ],
];
