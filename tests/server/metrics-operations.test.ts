import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXPLORER_OPERATIONS, knownOperations } from '../../src/server/known-operations';
import { post, startTestServer, type TestServer } from '../support/server';

// The operations this server ships, read from their sources as text, independently of how the
// server collects them.
const root = path.join(__dirname, '..', '..');
const OPERATION = /^\s*query\s+([A-Za-z_][A-Za-z0-9_]*)/gm;
const namesIn = (text: string) => [...text.matchAll(OPERATION)].map((m) => m[1]!);
const EXAMPLE_NAMES = readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.graphql'))
  .flatMap((f) => namesIn(readFileSync(path.join(root, 'examples', f), 'utf8')));
const EXPLORER_NAMES = ['queries.ts', 'history-queries.ts'].flatMap((file) =>
  namesIn(readFileSync(path.join(root, 'src/explorer/client', file), 'utf8')),
);
const INVENTED = Array.from({ length: 200 }, (_, i) => `Invented${i}`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Requests counted per value of the operation label, over every cache label. */
async function countsByOperation(): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.address}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const m of text.matchAll(
    /^graphql_request_duration_seconds_count\{operation="([^"]*)",[^}]*\} (\d+)$/gm,
  ))
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + Number(m[2]));
  return counts;
}

const send = (name: string) =>
  post(server.url, { query: `query ${name} { __typename }`, operationName: name });

describe('the operation label of the request metrics', () => {
  it('counts every named operation of examples/ and of the explorer under its own name', async () => {
    expect(EXAMPLE_NAMES.length).toBeGreaterThan(0);
    expect(EXPLORER_NAMES.length).toBeGreaterThan(0);
    const before = await countsByOperation();
    for (const name of [...EXAMPLE_NAMES, ...EXPLORER_NAMES]) await send(name);
    const after = await countsByOperation();
    for (const name of [...EXAMPLE_NAMES, ...EXPLORER_NAMES])
      expect({ name, counted: (after.get(name) ?? 0) - (before.get(name) ?? 0) }).toEqual({
        name,
        counted: 1,
      });
  });

  it('still counts a real operation under its own name after 200 invented ones, which all count as other', async () => {
    const before = await countsByOperation();
    for (const name of INVENTED) await send(name);
    await send('Level');
    const after = await countsByOperation();
    expect((after.get('other') ?? 0) - (before.get('other') ?? 0)).toBe(INVENTED.length);
    expect((after.get('Level') ?? 0) - (before.get('Level') ?? 0)).toBe(1);
    for (const name of INVENTED) expect(after.has(name)).toBe(false);
  });

  it('keeps the anonymous label for operations without a name', async () => {
    const before = await countsByOperation();
    await post(server.url, { query: '{ __typename }' });
    const after = await countsByOperation();
    expect((after.get('anonymous') ?? 0) - (before.get('anonymous') ?? 0)).toBe(1);
  });

  it('bounds the label to the known operations, other and anonymous', async () => {
    const allowed = new Set([...EXAMPLE_NAMES, ...EXPLORER_NAMES, 'other', 'anonymous']);
    const labels = [...(await countsByOperation()).keys()];
    expect(labels.filter((label) => !allowed.has(label))).toEqual([]);
  });
});

describe('knownOperations', () => {
  it('still knows the explorer operations when examples/ is missing, as in the image', async () => {
    const known = await knownOperations(path.join(root, 'no-such-examples-dir'));
    expect([...known].sort()).toEqual([...EXPLORER_NAMES].sort());
    expect([...EXPLORER_OPERATIONS].sort()).toEqual([...EXPLORER_NAMES].sort());
  });

  it('knows the operations of examples/ and of the explorer', async () => {
    const known = await knownOperations(path.join(root, 'examples'));
    expect([...known].sort()).toEqual([...EXAMPLE_NAMES, ...EXPLORER_NAMES].sort());
  });
});
