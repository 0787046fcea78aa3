import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import ts from 'typescript';
import { CONFIG_VARIABLES } from '../../src/server/config';
import { ROOT } from '../support/child';
import { buildHistory, type History } from '../support/git-content';
import { post, startTestServer, type TestServer } from '../support/server';

// The examples and tables of the README and docs/ are kept true by running and reading them here.

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const readme = read('README.md');
const docFiles = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const allDocs = docFiles.map(read).join('\n');
const apiDoc = read('docs/api.md');
const historyDoc = read('docs/history.md');

interface Block {
  readonly file: string;
  readonly heading: string;
  readonly lang: string;
  readonly body: string;
}

/** Every fenced block of a markdown file, with the heading it sits under. */
function blocks(file: string): Block[] {
  const found: Block[] = [];
  let heading = '';
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of read(file).split('\n')) {
    if (open) {
      if (line.startsWith('```')) {
        found.push({ file, heading, lang: open.lang, body: open.lines.join('\n') });
        open = undefined;
      } else open.lines.push(line);
    } else if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    else if (line.startsWith('```')) open = { lang: line.slice(3).trim(), lines: [] };
  }
  return found;
}

const allBlocks = docFiles.flatMap(blocks);
const graphqlBlocks = allBlocks.filter((b) => b.lang === 'graphql');
const curlBlocks = allBlocks.filter((b) => b.lang === 'sh' && b.body.includes('curl '));
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

  it.each(examples)('%s is in the README or docs/ word for word', (file) => {
    expect(allDocs).toContain(readFileSync(path.join(examplesDir, file), 'utf8').trimEnd());
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
    expect(apiDoc).toContain(
      `{ "kind": "${first.kind}", "id": "${first.id}", "score": ${JSON.stringify(first.score)},`,
    );
    expect(apiDoc).toContain(`"text": ${JSON.stringify(first.text)},`);
  });
});

// Blocks that are not an examples/ file, and the test that keeps each true.
const HISTORY_HEADING = 'History';
const SCHEMA_HEADING = 'The schema';

describe('every GraphQL and curl example in the README and docs/', () => {
  const exampleTexts = examples.map((f) => readFileSync(path.join(examplesDir, f), 'utf8').trimEnd());

  it.each(graphqlBlocks.map((b) => [`${b.file} "${b.heading}"`, b] as const))(
    '%s is an examples/ file, a history example or the schema',
    (_, block) => {
      const known =
        exampleTexts.includes(block.body.trimEnd()) ||
        (block.file === 'docs/history.md' && block.heading === HISTORY_HEADING) ||
        (block.file === 'docs/api.md' && block.heading === SCHEMA_HEADING);
      expect(known).toBe(true);
    },
  );

  it('parses the schema excerpt as GraphQL', () => {
    const schemaBlocks = graphqlBlocks.filter((b) => b.heading === SCHEMA_HEADING);
    expect(schemaBlocks.length).toBeGreaterThan(0);
    for (const block of schemaBlocks) expect(() => parse(block.body)).not.toThrow();
  });

  it.each(curlBlocks.map((b) => [`${b.file} "${b.heading}"`, b] as const))(
    '%s answers without errors',
    async (_, block) => {
      // quoted when the URL has a query of several parameters, as a shell needs
      const get = /curl -s '?(http:\/\/localhost:4000(\/(?!graphql)[^\s']*))'?$/m.exec(block.body);
      if (get) {
        // a GET of another surface (the feed, CASE): it answers on the bundled content
        const response = await fetch(`${server.address}${get[2]}`);
        await response.arrayBuffer();
        expect(response.status).toBe(200);
        return;
      }
      const body = /-d '(\{.*\})'/.exec(block.body)?.[1];
      expect(body).toBeDefined();
      expect(block.body).toContain('localhost:4000/graphql');
      const { status, json } = await post(server.url, JSON.parse(body!));
      expect(status).toBe(200);
      expect(json.errors).toBeUndefined();
    },
  );
});

describe('the history examples, on the repository the test builds', () => {
  let history: History;
  let historyServer: TestServer;
  beforeAll(async () => {
    history = await buildHistory();
    historyServer = await startTestServer({ CONTENT_DIR: history.contentDir });
  });
  afterAll(async () => {
    await historyServer.close();
    history.remove();
  });

  const historyBlocks = graphqlBlocks.filter(
    (b) => b.file === 'docs/history.md' && b.heading === HISTORY_HEADING,
  );

  it('has the history examples', () => {
    expect(historyBlocks.length).toBeGreaterThan(0);
  });

  it.each(historyBlocks.map((b, i) => [i, b] as const))(
    'history example %i answers without errors',
    async (_, block) => {
      const { status, json } = await post(historyServer.url, { query: block.body });
      expect(status).toBe(200);
      expect(json.errors).toBeUndefined();
    },
  );

  it('tells a clone how to create the tags its examples name', () => {
    expect(historyDoc).toMatch(/git tag v1 \S+/);
    expect(readme).toMatch(/git tag v2026\.1 \S+/);
  });
});

describe('the typed-client snippet', () => {
  it('type-checks as written when saved as a .ts file at the root of this CommonJS project', () => {
    const snippet = blocks('docs/api.md').find(
      (b) => b.lang === 'ts' && b.body.includes('TypedDocumentString'),
    );
    expect(snippet).toBeDefined();
    const file = path.join(ROOT, 'typed-client-snippet.ts');
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(ROOT, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
      },
    )!;
    const host = ts.createCompilerHost(config.options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, ...rest) =>
      path.resolve(name) === file
        ? ts.createSourceFile(name, snippet!.body, version)
        : getSourceFile(name, version, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
    const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
    const problems = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});
