import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../../src/server/config';
import { ROOT } from '../support/child';
import { post, startTestServer, type TestServer } from '../support/server';

// The README's examples and tables are kept true by running and reading them here.

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const examplesDir = path.join(ROOT, 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.graphql'));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('examples/', () => {
  it('has the worked examples the README promises', () => {
    expect(examples).toEqual(
      expect.arrayContaining([
        'diff-l2-l3.graphql',
        'levels-by-impact-radius.graphql',
        'search.graphql',
        'competency-matrix.graphql',
      ]),
    );
  });

  it.each(examples)('%s answers without errors and with data', async (file) => {
    const query = readFileSync(path.join(examplesDir, file), 'utf8');
    const { status, json } = await post(server.url, { query });
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    const values = Object.values(json.data as Record<string, unknown>);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(Array.isArray(value) ? value.length : value).toBeTruthy();
  });

  it.each(examples)('%s is in the README word for word', (file) => {
    expect(readme).toContain(readFileSync(path.join(examplesDir, file), 'utf8').trimEnd());
  });
});

describe('README', () => {
  it('lists every configuration variable', () => {
    for (const name of Object.keys(CONFIG_VARIABLES))
      expect(readme).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });

  it('quotes the real diff summary of SRE L2 to L3', async () => {
    const { json } = await post(server.url, {
      query:
        '{ diffLevels(from: "site-reliability-engineer/L2", to: "site-reliability-engineer/L3") { summary { added removed changed unchanged } } }',
    });
    const s = json.data.diffLevels.summary;
    expect(readme).toContain(
      `"summary": { "added": ${s.added}, "removed": ${s.removed}, "changed": ${s.changed}, "unchanged": ${s.unchanged} }`,
    );
  });

  it('quotes similarities of the SRE L2 to L3 diff exactly as the API answers them, unrounded', async () => {
    const { json } = await post(server.url, {
      query:
        '{ diffLevels(from: "site-reliability-engineer/L2", to: "site-reliability-engineer/L3") { competencies { expectations { similarity } examples { similarity } } } }',
    });
    const real = new Set<string>(
      json.data.diffLevels.competencies.flatMap((c: any) =>
        [...c.expectations, ...c.examples].map((i: any) => JSON.stringify(i.similarity)),
      ),
    );
    const quoted = [...readme.matchAll(/"similarity": ([0-9.]+)/g)].map((m) => m[1]!);
    expect(quoted.length).toBeGreaterThan(0);
    for (const value of quoted) expect(real).toContain(value);
  });

  it('quotes the first hit of the search example exactly as the API answers it', async () => {
    const { json } = await post(server.url, {
      query: readFileSync(path.join(examplesDir, 'search.graphql'), 'utf8'),
    });
    const [first] = json.data.search;
    expect(readme).toContain(
      `{ "kind": "${first.kind}", "id": "${first.id}", "score": ${JSON.stringify(first.score)},`,
    );
    expect(readme).toContain(`"text": ${JSON.stringify(first.text)},`);
  });
});
