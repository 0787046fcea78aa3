import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { assertVersionLoads, estimateOperation } from '../../graphql/cost/estimate';
import { costLimit } from '../../graphql/cost/limit';
import type { GraphQLContext } from '../../graphql/context';
import { LIMITS, LimitCode } from '../request-limits';

/** The error for an operation whose answer could be larger than the limit. */
export function tooComplex(estimate: number, limit: number): GraphQLError {
  return new GraphQLError(
    `This query could return about ${estimate} fields, more than the limit of ${limit}. Ask for fewer nested lists, or split it.`,
    { extensions: { code: LimitCode.cost, http: { status: 400 } } },
  );
}

// The hooks keep no state between requests, so every request shares one listener.
const listener: GraphQLRequestListener<GraphQLContext> = {
  async didResolveOperation({ request, document, schema, contextValue }) {
    const { framework } = contextValue;
    const operation = estimateOperation(
      schema,
      document,
      request.operationName,
      request.variables,
      framework,
    );
    assertVersionLoads(operation);
    const estimate = operation.cost;
    // under the floor, no content is too small for it: the content's size is only measured (once per
    // Framework, a few hundred milliseconds on a very large one) when an answer could be larger
    if (estimate <= LIMITS.cost) return;
    const limit = costLimit(schema, framework, LIMITS.cost);
    if (estimate > limit) throw tooComplex(estimate, limit);
  },
};

/**
 * Refuses, with QUERY_TOO_COMPLEX, an operation whose answer could be larger than the limit for the
 * content it answers from (src/graphql/cost), or that could read more versions from git than one
 * request may (MAX_VERSION_LOADS, the refusal naming the field that reads them). It runs once the operation is known, after validation,
 * with the request's variables (a search's `limit` or a level's id usually comes in one) and the
 * Framework of the request, so a reload that grows the content moves the estimates with it.
 */
export function costPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
