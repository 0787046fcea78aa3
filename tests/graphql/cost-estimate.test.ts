import {
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  graphql,
  isListType,
  isObjectType,
} from 'graphql';
import { loadContent } from '../../src/content/load';
import type { Framework } from '../../src/domain/framework';
import { HEADROOM } from '../../src/graphql/cost/budgets';
import { LAST_CHANGE_VERSIONS } from '../../src/graphql/last-change';
import { contentList } from '../../src/graphql/cost/declare';
import { contentSizes } from '../../src/graphql/cost/sizes';
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
  limit,
  refusedFor,
  schema,
} from './cost-cases';

let framework: Framework;
beforeAll(async () => {
  framework = await bundledFramework();
});

const most = (values: number[]) => Math.max(...values);
const aliased = (body: string, n: number = LIMITS.aliases) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${body}`).join(' ')} }`;

describe('the cost estimate sizes what is asked', () => {
  it('charges a list its longest in the content, times what each of its values costs', () => {
    const perTrack = most(framework.tracks.map((t) => t.levels.length));
    const competencies = most(framework.levels.map((l) => l.competencies.length));
    expect(estimate(framework, '{ tracks { levels { id } } }')).toBe(
      framework.tracks.length * (1 + perTrack * 2),
    );
    expect(estimate(framework, '{ level(id: "software-engineer/L2") { competencies { name } } }')).toBe(
      1 + competencies * 2,
    );
  });

  it('declares a size on every list field, each sized from the content', () => {
    const sizes = contentSizes(framework).sizes;
    const undeclared: string[] = [];
    const unsized: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        if (!isListType(getNullableType(field.type))) continue;
        const declared = field.extensions.complexity;
        if (typeof declared !== 'function') undeclared.push(key);
        else if (declared === contentList && !sizes.has(key)) unsized.push(key);
      }
    }
    expect({ undeclared, unsized }).toEqual({ undeclared: [], unsized: [] });
    expect(getNamedType(schema.getQueryType()!.getFields().levels!.type).name).toBe('Level');
  });

  it('is never below the size of the real answer, and never refused, for the explorer, the examples and introspection', async () => {
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
    const refused = operations.filter(([, query, variables]) => refusedFor(framework, query, variables));
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
    expect(refusedFor(framework, '{ search(query: "team", limit: 100000) { id } }')).toBeNull();
  });

  it('recomputes what variables change, including @skip and @include', () => {
    const query = 'query I($x: Boolean!) { tracks { levels @include(if: $x) { competencies { name } } } }';
    expect(estimate(framework, query, { x: true })).toBeGreaterThan(estimate(framework, query, { x: false }));
    const skipped = 'query S($x: Boolean!) { a: levels @skip(if: $x) { id } b: tracks { id } }';
    expect(estimate(framework, skipped, { x: true })).toBe(estimate(framework, '{ tracks { id } }'));
  });

  it('gives 0 when the variables do not fit their types, leaving the answer to Apollo', () => {
    expect(
      estimate(framework, 'query S($n: Int) { search(query: "x", limit: $n) { id } }', { n: 'ten' }),
    ).toBe(0);
  });

  it('refuses fragments that spread each other past the node limit, before any answer', () => {
    // 2^20 paths through the fragments: the library counts each, and stops at MAX_QUERY_NODES
    const fragments = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on Level { previous { ...F${i + 1} } next { ...F${i + 1} } }`,
    ).join(' ');
    const query = `{ levels { ...F0 } } ${fragments} fragment F20 on Level { id }`;
    expect(refusedFor(framework, query)).toBe('(fragments)');
  });

  it('measures requests that differ only in a variable no estimate reads once', () => {
    const document = documentOf(
      'query U($id: ID!, $q: String!, $n: Int) { level(id: $id) { id } search(query: $q, limit: $n) { id } }',
    );
    const measure = (variables: Record<string, unknown>) =>
      limit.measure(schema, document, undefined, variables, framework);
    const first = measure({ id: 'a/L1', q: 'team', n: 5 });
    expect(measure({ id: 'b/L2', q: 'other words', n: 5 })).toBe(first);
    expect(measure({ id: 'b/L2', q: 'team', n: 6 })).not.toBe(first);
    const versioned = measure({ id: 'a/L1@v1', q: 'team', n: 5 });
    expect(versioned).not.toBe(first);
    expect(versioned.versionLoads).toBe(first.versionLoads + 1);
  });

  it('counts the versions a step reads, in the diff and in the checklist alike', () => {
    for (const field of ['diffLevels', 'stepChecklist']) {
      const document = documentOf(
        `query S($from: ID!, $to: ID!) { ${field}(from: $from, to: $to) { to { id lastChange { since { id } } } } }`,
      );
      const loads = (from: string, to: string) =>
        limit.measure(schema, document, undefined, { from, to }, framework).versionLoads;
      const served = loads('a/L1', 'a/L2');
      expect(loads('a/L1@v1', 'a/L2@v2')).toBe(served + 2 + LAST_CHANGE_VERSIONS);
    }
  });

  it('gives one answer per document, content and variables, however often it is asked', () => {
    const document = documentOf('{ tracks { levels { id } } }');
    const first = estimate(framework, '{ tracks { levels { id } } }');
    expect(documentOf('{ tracks { levels { id } } }')).toBe(document);
    expect(estimate(framework, '{ tracks { levels { id } } }')).toBe(first);
  });
});

describe('the cost limit', () => {
  it('gives each root field twice what the known operations ask of it, and the floor to the others', () => {
    const variables = { from: 'software-engineer/L2', to: 'site-reliability-engineer/L5' };
    expect(limit.budget(schema, framework, 'diffLevels')).toBe(
      HEADROOM * estimate(framework, DIFF, variables),
    );
    expect(limit.budget(schema, framework, 'expectation')).toBe(LIMITS.cost);
  });

  it('refuses thirty aliased copies of every level, and thirty aliased searches', () => {
    const levels =
      'levels(filter: { includeDrafts: true }) { id competencies { expectations { id text } examples { id text } } }';
    expect(refusedFor(framework, aliased(levels))).toBe('levels');
    expect(refusedFor(framework, aliased('search(query: "team", limit: 20) { id }'))).toBe('search');
  });

  it.each(HOSTILE)('refuses fan-out: %s', (_name, query) => {
    expect(refusedFor(framework, query)).not.toBeNull();
  });

  it('does not let a costly root field borrow the budget of another one asked beside it', () => {
    const fanOut = HOSTILE[1]![1];
    const field = refusedFor(framework, fanOut);
    expect(field).toBe('levels');
    const beside = `{ ${fanOut.slice(1, -1)} changes(since: "HEAD") { __typename } }`;
    expect(limit.budget(schema, framework, 'changes')).toBeGreaterThan(estimate(framework, fanOut));
    expect(refusedFor(framework, beside)).toBe('levels');
  });

  it('adds up the aliases of one root field: two of the explorer’s diffs are accepted, three are not', () => {
    const body = 'diffLevels(from: $from, to: $to) { ...LevelDiffView }';
    const variables = { from: 'software-engineer/L2', to: 'site-reliability-engineer/L5' };
    const fragment = DIFF.slice(DIFF.indexOf('fragment'));
    const one = `query D($from: ID!, $to: ID!) { a: ${body} } ${fragment}`;
    const two = `query D($from: ID!, $to: ID!) { a: ${body} b: ${body} } ${fragment}`;
    const three = `query D($from: ID!, $to: ID!) { a: ${body} b: ${body} c: ${body} } ${fragment}`;
    expect(refusedFor(framework, one, variables)).toBeNull();
    expect(refusedFor(framework, two, variables)).toBeNull();
    expect(refusedFor(framework, three, variables)).toBe('diffLevels');
  });

  it('accepts a client’s own diff that asks every field of it, a little wider than the explorer’s', () => {
    const change = 'status from to fromPosition toPosition similarity segments { kind text }';
    const summary = 'summary { added removed changed unchanged }';
    const query = `{ diffLevels(from: "site-reliability-engineer/L2", to: "site-reliability-engineer/L3") {
      from { id title } to { id title } attributes { key label status from to } ${summary}
      competencies { slug name emoji status ${summary} expectations { ${change} } examples { ${change} } } } }`;
    expect(refusedFor(framework, query)).toBeNull();
  });

  it('never refuses the explorer on content where one track grew (issue 9)', async () => {
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
      const refused = explorerOperations(grown).filter(([, query, vars]) => refusedFor(grown, query, vars));
      expect(refused.map(([name]) => name)).toEqual([]);
    } finally {
      content.remove();
    }
  });
});
