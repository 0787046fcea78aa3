import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Config } from './config';
import { costPlugin, type ListSizes } from './cost';
import { LIMITS, LimitCode, limitRules } from './limits';
import type { RequestContext } from './request-context';

/** Codes the server passes through to clients; anything else is an unexpected error and is masked. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_COMPLEX',
]);

function originalExtensions(error: unknown): Record<string, unknown> | undefined {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  return original instanceof GraphQLError ? original.extensions : undefined;
}

/**
 * Limit rules report through Apollo's validation step, which relabels every error
 * GRAPHQL_VALIDATION_FAILED: restore the specific code. Unexpected errors lose their message
 * (the log keeps it, with the stack).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const limitCode = originalExtensions(error)?.limitCode;
  if (typeof limitCode === 'string') {
    return { ...formatted, extensions: { ...formatted.extensions, code: limitCode, limitCode: undefined } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
  return {
    message: 'Internal server error. Quote the requestId when you report it.',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Records error codes for metrics and logs unexpected errors with their stack: per request, never per field. */
const responsePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          const code = error.extensions?.code;
          if (typeof code === 'string' && CLIENT_CODES.has(code)) continue;
          contextValue.log.error(
            { err: error.originalError ?? error, requestId: contextValue.requestId, path: error.path },
            'unexpected error while answering a GraphQL request',
          );
        }
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        // Apollo hands plugins a shallow copy of the context: fill the shared array, never replace it
        if (errors)
          contextValue.errorCodes.push(...errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')));
      },
    };
  },
};

/** Apollo Server with this project's settings and limits; the caller starts it. */
export function createApollo(
  schema: GraphQLSchema,
  config: Config,
  app: FastifyInstance,
  listSizes: () => ListSizes,
): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    // field suggestions ("did you mean …") reveal the schema; off wherever introspection is off
    hideSchemaDetailsFromClientErrors: !config.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // graphql-js's own token limit answers 400; a parse never runs away on a huge document
    parseOptions: { maxTokens: LIMITS.tokens },
    validationRules: limitRules(),
    formatError,
    plugins: [
      fastifyApolloDrainPlugin(app),
      responsePlugin,
      costPlugin(LIMITS.cost, listSizes, LimitCode.cost),
      // every field has the content's lifetime, so per-field cache hints would only cost throughput
      ApolloServerPluginCacheControlDisabled(),
      // the embedded sandbox loads from a CDN; the explorer at / is ours and works offline
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
