import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/child';
import { post, startTestServer, type TestServer } from '../support/server';

// With the response cache off, the first answer to a document comes from graphql-js and the next
// ones from graphql-jit: they must be the same bytes.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RESPONSE_CACHE_BYTES: '0' });
});
afterAll(() => server.close());

async function compiledCount(): Promise<number> {
  const text = await (await fetch(`${server.address}/metrics`)).text();
  return [
    ...text.matchAll(/graphql_request_duration_seconds_count\{operation="[^"]*",cache="compiled"\} (\d+)/g),
  ].reduce((sum, m) => sum + Number(m[1]), 0);
}

const examples = readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => readFileSync(path.join(ROOT, 'examples', f), 'utf8'));
const withVariables: [string, string, Record<string, unknown>][] = [
  [
    'a level by id',
    'query L($id: ID!) { level(id: $id) { id title competencies { slug expectations { id text } } } }',
    { id: 'software-engineer/L4' },
  ],
  [
    'a search',
    'query S($q: String!, $n: Int) { search(query: $q, limit: $n) { kind id score text } }',
    { q: 'mentor', n: 7 },
  ],
  [
    'a diff',
    'query D($a: ID!, $b: ID!) { diffLevels(from: $a, to: $b) { summary { added } competencies { examples { status segments { kind text } } } } }',
    { a: 'software-engineer/L1', b: 'site-reliability-engineer/L5' },
  ],
  [
    'a date scalar under a directive',
    'query V($x: Boolean!) { framework { version loadedAt @include(if: $x) tracks { id } } }',
    { x: true },
  ],
  [
    'a filter',
    'query F($f: LevelFilter) { levels(filter: $f) { id impactRadius } }',
    { f: { impactRadius: { in: ['TEAM (5-10)', 'self'] } } },
  ],
];

describe('compiled execution of known documents', () => {
  it.each(examples.map((q, i) => [`example ${i + 1}`, q, {}] as const).concat(withVariables as never))(
    '%s answers with the same bytes as Apollo',
    async (_name, query, variables) => {
      const before = await compiledCount();
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await post(server.url, { query, variables }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers[0]!.json.errors).toBeUndefined();
      expect(answers[2]!.text).toBe(answers[0]!.text);
      expect(answers[2]!.headers.get('etag')).toBe(answers[0]!.headers.get('etag'));
      expect(await compiledCount()).toBe(before + 2);
    },
  );

  it('hands a known document with bad variables back to Apollo for the canonical error', async () => {
    const query = 'query L2($id: ID!) { level(id: $id) { title } }';
    for (let i = 0; i < 3; i++)
      await post(server.url, { query, variables: { id: `software-engineer/L${i + 1}` } });
    const missing = await post(server.url, { query, variables: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const tooLong = await post(server.url, { query, variables: { id: 'x'.repeat(300) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    const unknown = await post(server.url, {
      query: 'query D2($a: ID!) { diffLevels(from: $a, to: $a) { summary { added } } }',
      variables: { a: 'nope' },
    });
    expect(unknown.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
