import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { buildFrameworkSchema } from '../../src/graphql/schema';
import { estimateFields, listSizesOf } from '../../src/server/cost';
import { staticFieldBound } from '../../src/server/static-cost';
import { bundledFramework } from '../support/bundled';
import { ROOT } from '../support/child';

// The compiled path checks the static bound instead of the exact estimate, so the bound must never
// be below the estimate for any variables.

const schema = buildFrameworkSchema();
const examples = readdirSync(path.join(ROOT, 'examples')).map((f) =>
  readFileSync(path.join(ROOT, 'examples', f), 'utf8'),
);
const cases: [string, Record<string, unknown>][] = [
  ...examples.map((q) => [q, {}] as [string, Record<string, unknown>]),
  [
    'query S($n: Int) { search(query: "team", limit: $n) { id level { competencies { name } } } }',
    { n: 100 },
  ],
  ['query S($n: Int) { search(query: "team", limit: $n) { id } }', { n: 3 }],
  ['{ search(query: "team") { id } }', {}],
  ['{ search(query: "team", limit: 5) { id } }', {}],
  [
    'query I($x: Boolean!) { tracks { levels @include(if: $x) { competencies { expectations { text } } } } }',
    { x: true },
  ],
  ['query I($x: Boolean!) { tracks { levels @skip(if: $x) { id } } }', { x: true }],
  [
    'fragment C on Competency { expectations { text } examples { text } } { framework { tracks { levels { competencies { ...C } } } } }',
    {},
  ],
  ['{ diffLevels(from: "a", to: "b") { competencies { expectations { segments { text } } } } }', {}],
  ['{ t: tracks { competencyMatrix { rows { cells { id } } } } u: tracks { id } }', {}],
];

describe('staticFieldBound', () => {
  it.each(cases)('is at least the exact estimate: %s', async (query, variables) => {
    const sizes = listSizesOf(await bundledFramework());
    const document = parse(query);
    const exact = estimateFields(schema, document, null, variables, sizes);
    const bound = staticFieldBound(schema, document, null, sizes);
    expect(bound).toBeGreaterThanOrEqual(exact);
    expect(Number.isFinite(bound)).toBe(true);
  });

  it('is tight when nothing depends on variables', async () => {
    const sizes = listSizesOf(await bundledFramework());
    const document = parse('{ tracks { levels { competencies { expectations { id text } } } } }');
    expect(staticFieldBound(schema, document, null, sizes)).toBe(
      estimateFields(schema, document, null, {}, sizes),
    );
  });
});
