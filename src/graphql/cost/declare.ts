import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';

/**
 * What the estimators read besides the query: the loaded content's list sizes (sizes.ts), so the
 * same query costs more on a larger framework.
 */
export interface CostContext {
  /** The longest list of each `Type.field`, for one parent, over the whole content, drafts included. */
  readonly sizes: ReadonlyMap<string, number>;
  /** The longest list of any kind: what a list field nothing sizes is charged. */
  readonly largest: number;
}

/**
 * The cost of a field: one per value, and for an object what is inside it. A list of n values
 * costs n times one value, so the estimate is never below the size of the answer as
 * tests/graphql/cost-cases.ts counts it.
 */
const listOf = (n: number, { childComplexity }: ComplexityEstimatorArgs): number => n * (1 + childComplexity);

const context = (args: ComplexityEstimatorArgs): CostContext => args.context as CostContext;

/**
 * A list as long as the content makes it: `Type.field`'s longest list in the loaded content. The
 * field's name and its type's name are the key, so the declaration is the same on every list.
 */
export const contentList: ComplexityEstimator = (args) => {
  const { sizes, largest } = context(args);
  return listOf(sizes.get(`${args.type.name}.${args.field.name}`) ?? largest, args);
};

/**
 * A list the code bounds: at most `max` values, or fewer when the argument `limit` says so. A limit
 * over the maximum counts as the maximum, so the argument's own rule answers it with BAD_USER_INPUT
 * naming `limit` when the field runs. `work` is what the field does beyond its answer, in fields.
 */
export const upToLimit =
  (max: number, work = 0): ComplexityEstimator =>
  (args) => {
    const limit = args.args.limit;
    return work + listOf(typeof limit === 'number' ? Math.max(0, Math.min(limit, max)) : max, args);
  };

/** A list of at most `max` values whatever the content (a version's tags). */
export const fixedList =
  (max: number): ComplexityEstimator =>
  (args) =>
    listOf(max, args);
