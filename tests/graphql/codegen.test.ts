import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Types } from '@graphql-codegen/plugin-helpers';
import config from '../../codegen';
import { LevelDocument, SearchDocument, type TypedDocumentString } from '../../examples/typed/operations';
import { ROOT } from '../support/child';
import { startTestServer, type TestServer } from '../support/server';

/** The config with every path made absolute, so the test does not depend on jest's working directory. */
function rooted(): Types.Config {
  const at = (p: string) => path.join(ROOT, p);
  const paths = (value: unknown) => (Array.isArray(value) ? value.map((p: string) => at(p)) : value);
  const generates: Types.Config['generates'] = {};
  for (const [file, output] of Object.entries(config.generates)) {
    const out = output as Types.ConfiguredOutput;
    generates[at(file)] = { ...out, documents: paths(out.documents) as Types.OperationDocument[] };
  }
  return { ...config, schema: at(config.schema as string), generates, silent: true };
}

// Codegen and its plugins load ES modules (yargs, auto-bind) that jest cannot require before Node
// 24.9, so generate() runs in a plain Node beside the test: in memory, writing nothing, with the
// config codegen.ts exports, and prints what it would have written.
const GENERATE = `import('@graphql-codegen/cli').then(async ({ generate }) => {
  const outputs = await generate(JSON.parse(process.argv[1]), false);
  process.stdout.write(JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content }))));
});`;

describe('generated operation types', () => {
  let outputs: Types.FileOutput[];
  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--no-warnings', '-e', GENERATE, JSON.stringify(rooted())],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    outputs = JSON.parse(stdout) as Types.FileOutput[];
  }, 60_000);

  it('writes every file the config names', () => {
    expect(outputs.map((o) => path.relative(ROOT, o.filename)).sort()).toEqual(
      Object.keys(config.generates).sort(),
    );
  });

  it('are what codegen makes of schema.graphql and the documents now (run `npm run codegen` and commit when this fails)', () => {
    for (const { filename, content } of outputs) {
      expect([path.relative(ROOT, filename), readFileSync(filename, 'utf8')]).toEqual([
        path.relative(ROOT, filename),
        content,
      ]);
    }
  });

  it('import nothing at run time: the explorer loads its modules in the browser without a bundler', () => {
    for (const { filename, content } of outputs) {
      const imports = content.split('\n').filter((line) => /^\s*import\s/.test(line));
      expect([path.relative(ROOT, filename), imports.filter((line) => !/^import type /.test(line))]).toEqual([
        path.relative(ROOT, filename),
        [],
      ]);
    }
  });
});

describe('a typed example document sent with a plain fetch', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  // what the README's "Typed clients" shows an internal tool doing
  async function execute<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    });
    const { data, errors } = (await response.json()) as { data?: R; errors?: { message: string }[] };
    if (errors?.length || !data) throw new Error(errors?.[0]?.message ?? `HTTP ${response.status}`);
    return data;
  }

  it('answers with the data its type describes', async () => {
    const { level } = await execute(LevelDocument);
    // typed: a misspelt field here fails `npm run typecheck`
    const names: readonly string[] = level?.competencies.map((c) => c.name) ?? [];
    expect(level?.title).toEqual(expect.any(String));
    expect(names.length).toBeGreaterThan(0);

    const { search } = await execute(SearchDocument);
    const kinds = new Set<string>(['LEVEL', 'EXPECTATION', 'EXAMPLE']);
    for (const hit of search) expect(kinds.has(hit.kind)).toBe(true);
  });
});
