import { parse, type GraphQLSchema } from 'graphql';
import type { Framework } from '../../domain/framework';
import { estimateCost } from './estimate';

/**
 * How many times over a query may read the content. A query that reads the whole framework once is
 * always legitimate (the CSV export does it) and the danger is fan-out that multiplies it, so the
 * limit grows with the content instead of refusing a large organisation's own pages. Once is enough
 * for every view the explorer and the examples ask for (see contentSize), and it keeps the CPU one
 * request can take to about one read of the content: measured with `npm run bench:worst`,
 * twice let 30 aliased copies of every level through at 200–400 ms.
 */
export const CONTENT_READS = 1;

/** Every field of every track, level, attribute, competency, matrix cell and item, each once. */
const WHOLE_CONTENT = parse(`{
  framework {
    version loadedAt
    tracks {
      id name description
      levels(includeDrafts: true) {
        id code rank title summary status planningHorizon impactRadius evaluation
        responsibilityAndDirectionNeeded source { path line }
        attributes { key label value }
        competencies {
          id slug name emoji source { path line }
          expectations { id position text source { path line } }
          examples { id position text source { path line } }
        }
      }
      competencyMatrix(includeDrafts: true) { levels { id } rows { slug name emoji cells { id } } }
    }
  }
  attributeDefinitions { key label values }
}`);

/**
 * Every field of a level's diff with itself, word by word. Its estimate charges each item of the level
 * twice (once per side) and each competency and attribute once, so the diff of any two levels A and B
 * is estimated at most at A's self-diff plus B's: at most twice the largest self-diff.
 */
const SELF_DIFF = parse(`query SelfDiff($id: ID!) {
  diffLevels(from: $id, to: $id) {
    from { id code title track { id name } }
    to { id code title track { id name } }
    summary { added removed changed unchanged }
    attributes { key label from to status }
    competencies {
      slug name emoji status
      summary { added removed changed unchanged }
      expectations { ...Change }
      examples { ...Change }
    }
  }
}
fragment Change on TextChange { status from to fromPosition toPosition similarity segments { kind text } }`);

const sizes = new WeakMap<GraphQLSchema, WeakMap<Framework, number>>();

/**
 * The content's own size in fields: the whole framework read once, plus the largest diff of two
 * levels read word by word (at most twice the largest self-diff, see SELF_DIFF). Every view the
 * explorer and the examples ask for (the track list, a level, a matrix, a diff, a search) reads less
 * than one of those two.
 */
export function contentSize(schema: GraphQLSchema, framework: Framework): number {
  let bySchema = sizes.get(schema);
  if (!bySchema) sizes.set(schema, (bySchema = new WeakMap()));
  let size = bySchema.get(framework);
  if (size === undefined) {
    let diff = 0;
    for (const level of framework.levels)
      diff = Math.max(diff, estimateCost(schema, SELF_DIFF, null, { id: level.id }, framework));
    size = estimateCost(schema, WHOLE_CONTENT, null, {}, framework) + 2 * diff;
    bySchema.set(framework, size);
  }
  return size;
}

/** The most fields an answer may have for this content: the fixed floor, or CONTENT_READS × its size. */
export function costLimit(schema: GraphQLSchema, framework: Framework, floor: number): number {
  return Math.max(floor, CONTENT_READS * contentSize(schema, framework));
}
