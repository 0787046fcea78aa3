import type { FastifyBaseLogger } from 'fastify';
import type { GraphQLContext } from '../graphql/context';

/** The GraphQL context plus what the server needs back from one execution. */
export interface RequestContext extends GraphQLContext {
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
  /** Filled by the response plugin: the extensions.code of every error sent. */
  readonly errorCodes: string[];
}
