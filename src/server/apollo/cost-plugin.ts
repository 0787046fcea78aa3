import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { INTROSPECTION } from '../../graphql/cost/budgets';
import { CostLimit } from '../../graphql/cost/limit';
import type { GraphQLContext } from '../../graphql/context';
import { knownDocuments } from '../known-operations';
import { LIMITS } from '../request-limits';

/**
 * Refuses, with QUERY_TOO_COMPLEX naming the field, an operation that could answer more fields from
 * one root field than the known operations ask of it on this content, never less than LIMITS.cost,
 * or that could read more versions from git than MAX_VERSION_LOADS (src/graphql/cost). It runs once
 * the operation is known, after validation, with the request's variables and the Framework of the
 * request, so a reload that grows the content moves the limit with it.
 */
export function costPlugin(
  known: readonly DocumentNode[] = [...knownDocuments(), ...INTROSPECTION],
): ApolloServerPlugin<GraphQLContext> {
  const limit = new CostLimit(known, LIMITS.cost);
  // The hook keeps no state between requests, so every request shares one listener.
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async didResolveOperation({ request, document, operation, schema, contextValue }) {
      const name = operation?.name?.value ?? request.operationName ?? undefined;
      limit.check(schema, document, name, request.variables, contextValue.framework);
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
