import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import { costPlugin } from './cost-plugin';
import { LIMITS, limitRules } from '../request-limits';
import { compiledExecutionPlugin } from './compiled-execution';
import { DocumentStore, persistedQueryCache } from './caches';
import type { RequestContext } from './context';
import { errorReportPlugin } from './error-report';
import { formatError } from './format-error';
import { graphiqlLandingPage } from './graphiql';

/** Whether to run known documents with graphql-jit; off, Apollo's graphql-js executes everything. */
export interface ApolloOptions {
  readonly compiledExecution: boolean;
  /** GraphiQL's page for browsers; null leaves browsers a 406 as any other unacceptable Accept. */
  readonly graphiqlPage: string | null;
}

/**
 * Apollo Server with this project's limits, error formatting and plugins: the one GraphQL pipeline.
 * Every request, whatever answers it, is parsed, validated, limited and formatted here.
 */
export function createApollo(
  schema: GraphQLSchema,
  config: Config,
  options: ApolloOptions,
): ApolloServer<RequestContext> {
  const documentStore = new DocumentStore();
  return new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    // field suggestions ("did you mean …") reveal the schema; off wherever introspection is off
    hideSchemaDetailsFromClientErrors: !config.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // shutdown is the server's (drain, then close); Apollo's own signal handlers would race it
    stopOnTerminationSignals: false,
    // graphql-js's own token limit answers 400; a parse never runs away on a huge document
    parseOptions: { maxTokens: LIMITS.tokens },
    documentStore,
    persistedQueries: { cache: persistedQueryCache() },
    validationRules: limitRules(),
    formatError: (formatted, error) =>
      formatError(formatted, error, { hideSuggestions: !config.introspection }),
    plugins: [
      errorReportPlugin,
      costPlugin(),
      ...(options.compiledExecution ? [compiledExecutionPlugin(schema, documentStore)] : []),
      // every field has the content's lifetime, so per-field cache hints would only cost throughput
      ApolloServerPluginCacheControlDisabled(),
      // a subgraph schema would turn on Apollo Studio's per-field traces, which wrap every resolver
      ApolloServerPluginInlineTraceDisabled(),
      // Apollo's embedded sandbox loads from a CDN; GraphiQL is bundled and served by this server
      options.graphiqlPage === null
        ? ApolloServerPluginLandingPageDisabled()
        : graphiqlLandingPage(options.graphiqlPage),
    ],
  });
}
