import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context';
import { costPlugin as legacyCostPlugin, listSizesFor } from './cost';
import { LIMITS, LimitCode } from './limits';

/**
 * Refuses, with QUERY_TOO_COMPLEX, an operation whose answer could be larger than LIMITS.cost.
 * Runs in didResolveOperation, after validation, with the request's variables and content.
 */
export function costPlugin(): ApolloServerPlugin<GraphQLContext> {
  let current: GraphQLContext | null = null;
  const inner = legacyCostPlugin(LIMITS.cost, () => listSizesFor(current!.framework), LimitCode.cost);
  return {
    async requestDidStart(requestContext) {
      const hooks = await inner.requestDidStart!(requestContext as never);
      return {
        async didResolveOperation(context) {
          current = context.contextValue;
          await hooks?.didResolveOperation?.(context as never);
        },
      };
    },
  };
}
