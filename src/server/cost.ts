import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  getNullableType,
  isListType,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { Framework } from '../domain/framework';

/** Longest list each list field can return in the content being served. */
export type ListSizes = Map<string, number>;

const max = (values: number[]): number => values.reduce((a, b) => (b > a ? b : a), 0);

/**
 * How long each list in an answer can be, read off the content itself: a static cost that treats
 * every list alike lets a query fan out across nested lists unseen, while the content knows its sizes.
 */
export function listSizesOf(framework: Framework): ListSizes {
  const levels = framework.levels;
  const competencies = levels.flatMap((l) => l.competencies);
  const items = max(competencies.flatMap((c) => [c.expectations.length, c.examples.length]));
  const perTrack = max(framework.tracks.map((t) => t.levels.length));
  const perLevel = max(levels.map((l) => l.competencies.length));
  const slugsPerTrack = max(
    framework.tracks.map((t) => new Set(t.levels.flatMap((l) => l.competencies.map((c) => c.slug))).size),
  );
  const attributes = max(levels.map((l) => l.attributes.length));
  const keys = new Set(levels.flatMap((l) => l.attributes.map((a) => a.key))).size;
  return new Map([
    ['Query.tracks', framework.tracks.length],
    ['Framework.tracks', framework.tracks.length],
    ['Query.levels', levels.length],
    ['Track.levels', perTrack],
    ['CompetencyMatrix.levels', perTrack],
    ['CompetencyMatrix.rows', slugsPerTrack],
    ['CompetencyRow.cells', perTrack],
    ['Level.competencies', perLevel],
    ['Level.attributes', attributes],
    ['Query.attributeDefinitions', keys],
    ['AttributeDefinition.values', levels.length],
    ['Competency.expectations', items],
    ['Competency.examples', items],
    ['LevelDiff.attributes', 2 * attributes],
    ['LevelDiff.competencies', 2 * perLevel],
    ['CompetencyDiff.expectations', 2 * items],
    ['CompetencyDiff.examples', 2 * items],
  ]);
}

const memo = new WeakMap<Framework, ListSizes>();

/** listSizesOf, computed once per loaded Framework. */
export function listSizesFor(framework: Framework): ListSizes {
  let sizes = memo.get(framework);
  if (!sizes) {
    sizes = listSizesOf(framework);
    memo.set(framework, sizes);
  }
  return sizes;
}

/** Segments of one changed sentence; words alternate at worst, so this bounds a long sentence. */
const SEGMENTS_PER_CHANGE = 40;
/** Any list not in the table (a field added later) is costed as if this long. */
const UNKNOWN_LIST = 50;

/** How long a list field can be; a search's limit, when not given, counts as the largest allowed. */
export function listSizeOf(
  sizes: ListSizes,
  parent: string,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number {
  if (parent === 'Query' && field.name === 'search') return typeof args.limit === 'number' ? args.limit : 100;
  if (parent === 'TextChange' && field.name === 'segments') return SEGMENTS_PER_CHANGE;
  return sizes.get(`${parent}.${field.name}`) ?? UNKNOWN_LIST;
}

/** Thrown when variables do not fit their declared types: the answer Apollo gives when it coerces them. */
function badVariables(error: unknown): GraphQLError {
  return new GraphQLError(error instanceof Error ? error.message : String(error), {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * Estimates how many fields the answer to an operation could have. Throws a BAD_USER_INPUT
 * GraphQLError when the variables do not fit their declared types.
 */
export function estimateFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  sizes: ListSizes,
): number {
  const estimator = ({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number => {
    const own = 1 + childComplexity;
    return isListType(getNullableType(field.type)) ? own * listSizeOf(sizes, type.name, field, args) : own;
  };
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [estimator],
    });
  } catch (error) {
    throw badVariables(error);
  }
}

/** The error for an operation whose estimate is over the limit. */
export function tooComplex(estimate: number, maximum: number, code: string): GraphQLError {
  return new GraphQLError(
    `This query could return about ${estimate} fields, more than the limit of ${maximum}. Ask for fewer nested lists, or split it.`,
    { extensions: { code, http: { status: 400 } } },
  );
}

/**
 * An Apollo plugin bounding the estimated number of fields in the answer. It runs once the operation
 * is known, with the request's variables (a validation rule never sees them, and a search's `limit`
 * usually comes in a variable). `current` is read per request, so a reload that grows the content
 * raises the estimates with it.
 */
export function costPlugin(
  maximum: number,
  current: () => ListSizes,
  code: string,
): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const estimate = estimateFields(
            schema,
            document,
            request.operationName,
            request.variables,
            current(),
          );
          if (estimate > maximum) throw tooComplex(estimate, maximum, code);
        },
      };
    },
  };
}
