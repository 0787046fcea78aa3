import { getIntrospectionQuery, graphql } from 'graphql';
import { loadContent } from '../../src/content/load';
import type { Framework } from '../../src/domain/framework';
import { EDGES, fieldsToClassify } from '../../src/graphql/cost/edges';
import { contentSize, costLimit } from '../../src/graphql/cost/limit';
import { LIMITS } from '../../src/server/request-limits';
import { DIFF, LEVEL, MATRIX, SEARCH } from '../../src/explorer/client/queries';
import { bundledFramework } from '../support/bundled';
import { TempContent } from '../support/temp-content';
import {
  countFields,
  documentOf,
  estimate,
  EXAMPLES,
  explorerOperations,
  HOSTILE,
  schema,
} from './cost-cases';

let framework: Framework;
let limit: number;
beforeAll(async () => {
  framework = await bundledFramework();
  limit = costLimit(schema, framework, LIMITS.cost);
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('the cost estimate sizes what is asked', () => {
  it('bounds a list reached through owned fields by what the content holds, not count × max × max', () => {
    const competencies = framework.levels.flatMap((l) => l.competencies);
    const expectations = sum(competencies.map((c) => c.expectations.length));
    expect(estimate(framework, '{ tracks { levels { competencies { expectations { id } } } } }')).toBe(
      framework.tracks.length + framework.levels.length + competencies.length + 2 * expectations,
    );
  });

  it('sizes what is below a level named by id from that level, and an unknown id as null', () => {
    const query = 'query L($id: ID!) { level(id: $id) { competencies { expectations { text } } } }';
    for (const level of framework.levels) {
      const expectations = sum(level.competencies.map((c) => c.expectations.length));
      expect(estimate(framework, query, { id: level.id })).toBe(
        1 + level.competencies.length + 2 * expectations,
      );
    }
    expect(estimate(framework, query, { id: 'no-such-track/L1' })).toBe(1);
  });

  it('multiplies below a back-reference, where objects can repeat', () => {
    const perTrack = Math.max(...framework.tracks.map((t) => t.levels.length));
    const levels = framework.levels.length;
    expect(estimate(framework, '{ levels { track { levels { id } } } }')).toBe(
      levels + levels + 2 * levels * perTrack,
    );
  });

  it('is never below the size of the real answer, and within the limit, for the explorer, the examples and introspection', async () => {
    const operations = [
      ...explorerOperations(framework),
      ...EXAMPLES.map(([name, query]) => [name, query, {}] as [string, string, Record<string, unknown>]),
      ['introspection', getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true }), {}] as [
        string,
        string,
        Record<string, unknown>,
      ],
    ];
    const under: string[] = [];
    for (const [name, query, variables] of operations) {
      const result = await graphql({
        schema,
        source: query,
        variableValues: variables,
        contextValue: { framework },
      });
      expect([name, result.errors]).toEqual([name, undefined]);
      const actual = countFields(result.data);
      if (estimate(framework, query, variables) < actual) under.push(`${name}: ${actual}`);
    }
    expect(under).toEqual([]);
    const refused = operations.filter(
      ([, query, variables]) => estimate(framework, query, variables) > limit,
    );
    expect(refused.map(([name]) => name)).toEqual([]);
  });

  it('never undercounts an id written loosely: other case, spaces, a bare code', async () => {
    const ids = ['SITE-RELIABILITY-ENGINEER', ' software-engineer ', 'Software-Engineer', 'L2', 'l3'];
    const levelIds = ids.flatMap((t) => [`${t}/L2`, `${t}/l2`, t]);
    const cases: [string, Record<string, unknown>][] = [
      ...ids.map((t): [string, Record<string, unknown>] => [
        'query F($t: ID) { levels(filter: { track: $t }) { id track { levels { competencies { name } } } } }',
        { t },
      ]),
      ...ids.map((t): [string, Record<string, unknown>] => [SEARCH, { query: 'team', track: t, limit: 100 }]),
      ...ids.map((t): [string, Record<string, unknown>] => [MATRIX, { track: t }]),
      ...ids.map((t): [string, Record<string, unknown>] => [
        'query A($t: ID) { attributeDefinitions(track: $t) { key values } }',
        { t },
      ]),
      ...levelIds.map((id): [string, Record<string, unknown>] => [LEVEL, { id }]),
      ...levelIds.map((id): [string, Record<string, unknown>] => [
        'query C($id: ID!) { competency(id: $id) { expectations { text } } }',
        { id: `${id}/domain-expertise` },
      ]),
      ...levelIds.map((id): [string, Record<string, unknown>] => [
        DIFF,
        { from: id, to: 'site-reliability-engineer/L3' },
      ]),
    ];
    const under: string[] = [];
    for (const [query, variables] of cases) {
      const result = await graphql({
        schema,
        source: query,
        variableValues: variables,
        contextValue: { framework },
      });
      const actual = countFields(result.data);
      if (estimate(framework, query, variables) < actual)
        under.push(`${JSON.stringify(variables)}: ${actual}`);
    }
    expect(under).toEqual([]);
  });

  it('counts a search limit over its maximum as the maximum, so the argument rule answers', () => {
    const query =
      'query S($n: Int) { search(query: "team", limit: $n) { id level { competencies { name } } } }';
    expect(estimate(framework, query, { n: 100_000 })).toBe(estimate(framework, query, { n: 100 }));
    expect(estimate(framework, '{ search(query: "team", limit: 100000) { id } }')).toBeLessThanOrEqual(limit);
  });

  it('recomputes what variables change, including @skip and @include', () => {
    const query = 'query I($x: Boolean!) { tracks { levels @include(if: $x) { competencies { name } } } }';
    expect(estimate(framework, query, { x: true })).toBeGreaterThan(estimate(framework, query, { x: false }));
    const [a, b] = [framework.levels[0]!, framework.levels[framework.levels.length - 1]!];
    const pair = (from: string, to: string) => estimate(framework, DIFF, { from, to });
    expect(pair(a.id, a.id)).not.toBe(pair(a.id, 'no-such-level'));
    expect(pair(a.id, 'no-such-level')).toBe(1);
    expect(pair(b.id, a.id)).toBeGreaterThan(1);
  });

  it('gives 0 when the variables do not fit their types, leaving the answer to Apollo', () => {
    expect(
      estimate(framework, 'query S($n: Int) { search(query: "x", limit: $n) { id } }', { n: 'ten' }),
    ).toBe(0);
  });

  it('stays linear in the document when fragments spread each other many times', () => {
    // 2^20 paths through the fragments; the walk memoises each fragment per place
    const fragments = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on Level { previous { ...F${i + 1} } next { ...F${i + 1} } }`,
    ).join(' ');
    const query = `{ levels { ...F0 } } ${fragments} fragment F20 on Level { id }`;
    expect(estimate(framework, query)).toBeGreaterThan(limit);
  });

  it('classifies every object and list field of the schema as owned or a back-reference', () => {
    expect(fieldsToClassify(schema).filter((key) => !EDGES[key])).toEqual([]);
  });

  it('gives one answer per document, content and variables, however often it is asked', () => {
    const document = documentOf('{ tracks { levels { id } } }');
    const first = estimate(framework, '{ tracks { levels { id } } }');
    expect(documentOf('{ tracks { levels { id } } }')).toBe(document);
    expect(estimate(framework, '{ tracks { levels { id } } }')).toBe(first);
  });
});

describe('the cost limit', () => {
  it('is the fixed floor, or the content read once when that is more', () => {
    expect(limit).toBe(Math.max(LIMITS.cost, contentSize(schema, framework)));
  });

  it('refuses thirty aliased copies of every level, and thirty aliased searches', () => {
    const aliased = (body: string) =>
      `{ ${Array.from({ length: LIMITS.aliases }, (_, i) => `a${i}: ${body}`).join(' ')} }`;
    const levels =
      'levels(filter: { includeDrafts: true }) { id competencies { expectations { id text } examples { id text } } }';
    expect(estimate(framework, aliased(levels))).toBeGreaterThan(limit);
    expect(estimate(framework, aliased('search(query: "team", limit: 20) { id }'))).toBeGreaterThan(limit);
  });

  it.each(HOSTILE)('refuses fan-out: %s', (_name, query) => {
    expect(estimate(framework, query)).toBeGreaterThan(limit);
  });

  it('leaves the diff of untouched levels alone when another track grows (issue 9)', async () => {
    const content = new TempContent();
    try {
      const file = 'software-engineer/L2.md';
      const extra = Array.from(
        { length: 8 },
        (_, i) => `- I added expectation number ${i + 1} to this level.`,
      );
      content.write(file, content.read(file).replace(/(\n## [^\n]+\n\n)/, `$1${extra.join('\n')}\n`));
      const result = await loadContent(content.dir);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const grown = result.framework;
      const first = (f: Framework) => f.level('software-engineer/L2')!.competencies[0]!.expectations.length;
      expect(first(grown)).toBe(first(framework) + 8);
      const variables = { from: 'site-reliability-engineer/L2', to: 'site-reliability-engineer/L3' };
      expect(estimate(grown, DIFF, variables)).toBe(estimate(framework, DIFF, variables));
      const grownLimit = costLimit(schema, grown, LIMITS.cost);
      const refused = explorerOperations(grown).filter(
        ([, query, vars]) => estimate(grown, query, vars) > grownLimit,
      );
      expect(refused.map(([name]) => name)).toEqual([]);
    } finally {
      content.remove();
    }
  });
});
