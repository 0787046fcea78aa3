import type { FastifyBaseLogger } from 'fastify';
import type { Framework } from '../../domain/framework';
import type { GraphQLContext } from '../../graphql/context';

/**
 * What one GraphQL request leaves behind for the HTTP layer: the plugins fill it in while Apollo
 * answers, and the response cache, metrics and the access log read it once the answer is sent.
 */
export interface GraphQLExchange {
  /** The content this request answers from, taken once when it arrives. */
  readonly framework: Framework;
  /** The operation Apollo resolved, or the one a cached answer was stored with. */
  operationName: string | null;
  /** The extensions.code of every error sent. */
  readonly errorCodes: string[];
  /** How the answer was made, for metrics: from the cache (hit, not_modified), by graphql-jit, by graphql-js (miss), or an error. */
  answeredBy: 'hit' | 'not_modified' | 'compiled' | 'miss' | 'error';
}

/** The GraphQL context: what resolvers see, plus the exchange the server's plugins fill in. */
export interface RequestContext extends GraphQLContext {
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
  /**
   * Shared by reference: Apollo hands plugins a shallow copy of the context, so plugins write into
   * this object and never replace it.
   */
  readonly exchange: GraphQLExchange;
}
