import fc from 'fast-check';
import {
  getNamedType,
  graphql,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLObjectType,
} from 'graphql';
import type { Framework } from '../../src/domain/framework';
import { bundledFramework } from '../support/bundled';
import { countFields, estimate, schema } from './cost-cases';

// Random operations over the whole schema: the estimate must never be below the answer's real size,
// whatever fields, arguments and back-references a query combines.

let framework: Framework;
beforeAll(async () => {
  framework = await bundledFramework();
});

const level = 'site-reliability-engineer/L2';
/** Argument values by name: real ids, ids that find nothing, ids written loosely. */
const VALUES: Record<string, string[]> = {
  id: [
    level,
    'software-engineer',
    `${level}/domain-expertise`,
    `${level}/domain-expertise/e1`,
    `${level}/domain-expertise/x2`,
    'Software-Engineer',
    'nothing',
  ],
  from: [level, 'software-engineer/L5', 'nothing'],
  to: ['site-reliability-engineer/L3', level],
  track: ['site-reliability-engineer', 'SOFTWARE-ENGINEER', 'nothing'],
  query: ['team', 'incident review'],
  code: ['L2', 'l4', 'L9'],
  slug: ['domain-expertise', 'Teaching-and-Mentoring', 'nothing'],
  key: ['impactRadius', 'nothing'],
  limit: ['3', '100', '1000'],
  includeDrafts: ['true', 'false'],
  filter: ['{ track: "software-engineer" }', '{ rankMin: 3 }', '{ track: " Site-Reliability-Engineer" }'],
};

function argumentsOf(type: GraphQLObjectType, field: string): fc.Arbitrary<string> {
  const args = type.getFields()[field]!.args;
  if (args.length === 0) return fc.constant('');
  return fc
    .tuple(
      ...args.map((arg) =>
        fc.tuple(fc.constantFrom(...(VALUES[arg.name] ?? ['x'])), fc.boolean()).map(([value, given]) => {
          if (!given && !isNonNullType(arg.type)) return '';
          const quoted = getNamedType(arg.type).name === 'String' || getNamedType(arg.type).name === 'ID';
          return `${arg.name}: ${quoted ? JSON.stringify(value) : value}`;
        }),
      ),
    )
    .map((parts) => {
      const given = parts.filter(Boolean);
      return given.length ? `(${given.join(', ')})` : '';
    });
}

/** A selection set on a type: a few fields, objects nested while depth allows. */
function selection(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const all = Object.values(type.getFields());
  const leaves = all.filter((f) => !isObjectType(getNamedType(f.type)));
  // past the depth, leaves only, unless the type has none (a diff's fields are all objects)
  const fields = depth > 0 || leaves.length === 0 ? all : leaves;
  const field = fc.constantFrom(...fields).chain((f) => {
    const named = getNamedType(f.type);
    const args = argumentsOf(type, f.name);
    if (isScalarType(named) || isEnumType(named)) return args.map((a) => `${f.name}${a}`);
    return fc
      .tuple(args, selection(named as GraphQLObjectType, depth - 1))
      .map(([a, inner]) => `${f.name}${a} ${inner}`);
  });
  return fc
    .array(field, { minLength: 1, maxLength: 3 })
    .map((list) => `{ ${list.map((f, i) => `f${i}: ${f}`).join(' ')} }`);
}

describe('the cost estimate on random operations', () => {
  it('is never below the size of the real answer', async () => {
    await fc.assert(
      fc.asyncProperty(selection(schema.getQueryType()!, 5), async (query) => {
        const predicted = estimate(framework, query);
        // an answer this large is refused anyway; running it would only slow the test down
        fc.pre(predicted <= 200_000);
        const result = await graphql({ schema, source: query, contextValue: { framework } });
        expect(predicted).toBeGreaterThanOrEqual(countFields(result.data));
      }),
      { numRuns: 150 },
    );
  });
});
