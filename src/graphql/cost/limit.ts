import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Framework } from '../../domain/framework';
import { MAX_VERSION_LOADS } from '../limits';
import { rootBudgets } from './budgets';
import type { CostContext } from './declare';
import { measureOperation, type OperationCost } from './measure';
import { contentSizes } from './sizes';
import { tooManyVersionLoads } from './version-loads';

/** The code of a refused operation; the server's catalogue lists it with its status (400). */
const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** The error for an operation whose answer from one root field could be larger than its limit. */
export function tooComplex(field: string, estimate: number, limit: number): GraphQLError {
  return new GraphQLError(
    `This query could return about ${estimate} fields from ${field}, more than the limit of ${limit}. Ask for fewer nested lists, or split it.`,
    { extensions: { code: QUERY_TOO_COMPLEX, field, cost: estimate, limit, http: { status: 400 } } },
  );
}

/**
 * The cost limit: how many fields an operation may ask of each root field, and how many versions it
 * may read from git. Each root field may answer what the known operations (`known`: the explorer's,
 * examples/' and introspection) ask of it on the content being served, and never less than `floor`
 * (budgets.ts); the sizes and budgets are measured once per loaded Framework.
 */
export class CostLimit {
  private readonly sizes = new WeakMap<Framework, CostContext>();
  private readonly budgets = new WeakMap<CostContext, ReadonlyMap<string, number>>();

  constructor(
    private readonly known: readonly DocumentNode[],
    private readonly floor: number,
  ) {}

  /** What an operation could cost on this content (measure.ts). */
  measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown> | null | undefined,
    framework: Framework,
  ): OperationCost {
    try {
      return measureOperation(schema, document, operationName, variables, this.sizesOf(framework));
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      // the library's refusal of a document whose fragments expand past MAX_QUERY_NODES
      throw new GraphQLError(`${error.message} Spread fewer fragments.`, {
        extensions: { code: QUERY_TOO_COMPLEX, http: { status: 400 } },
      });
    }
  }

  /** The most fields `field` of Query may answer on this content. */
  budget(schema: GraphQLSchema, framework: Framework, field: string): number {
    const sizes = this.sizesOf(framework);
    let budgets = this.budgets.get(sizes);
    if (!budgets) this.budgets.set(sizes, (budgets = rootBudgets(schema, sizes, this.known)));
    return Math.max(this.floor, budgets.get(field) ?? 0);
  }

  /** Throws QUERY_TOO_COMPLEX, naming the field, for an operation over the limit. */
  check(...args: Parameters<CostLimit['measure']>): void {
    const cost = this.measure(...args);
    if (cost.versionLoads > MAX_VERSION_LOADS)
      throw tooManyVersionLoads(cost.versionLoads, cost.heaviestLoader);
    const [schema, , , , framework] = args;
    for (const [field, fields] of cost.byRoot) {
      // under the floor, no budget is needed: they are only measured when an answer could be larger
      if (fields <= this.floor) continue;
      const limit = this.budget(schema, framework, field);
      if (fields > limit) throw tooComplex(field, fields, limit);
    }
  }

  private sizesOf(framework: Framework): CostContext {
    let sizes = this.sizes.get(framework);
    if (!sizes) this.sizes.set(framework, (sizes = contentSizes(framework)));
    return sizes;
  }
}
