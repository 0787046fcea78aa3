import { HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { buildFrameworkSchema } from '../../graphql/schema';
import { buildSubgraphFrameworkSchema } from '../../graphql/subgraph';
import { RequestVersions } from '../../graphql/versions';
import { createApollo } from '../apollo/server';
import type { GraphQLExchange, RequestContext } from '../apollo/context';
import { sendError } from '../error-codes';
import { GRAPHIQL_PAGE_HEADERS } from './graphiql';
import '../decorators';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for requests to /graphql: what the GraphQL pipeline did, read by the cache and metrics. */
    graphql: GraphQLExchange | null;
  }
}

/** Options of the GraphQL plugin. */
export interface GraphQLPluginOptions {
  /** Run known documents with graphql-jit (through Apollo's plugin API); default true. */
  readonly compiledExecution?: boolean;
}

// GraphQL over HTTP is GET and POST. Apollo checks its CSRF rule before the method, so it would
// refuse a bare DELETE as a CSRF risk: answering the other methods here says what is wrong.
// (A CORS preflight is answered by @fastify/cors before any route.)
const OTHER_METHODS = ['HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

// Every answer's type follows Accept (content negotiation) and what it may show follows the token:
// a shared cache must key on both, or it hands one client's type or view to another.
const GRAPHQL_VARY = 'accept, authorization';

/**
 * The Fastify request as Apollo reads it. (@as-integrations/fastify has the same conversion but
 * exports it only inside a handler that writes the reply itself, before the request id, the error
 * codes and the response cache could see the answer.)
 */
function httpGraphQLRequest(request: FastifyRequest): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const queryIndex = request.url.indexOf('?');
  return {
    method: request.method.toUpperCase(),
    headers,
    search: queryIndex === -1 ? '' : request.url.slice(queryIndex),
    body: request.body,
  };
}

/** Puts the request id into every error of an error answer, so a client's report finds the log line. */
export function withRequestId(body: string, requestId: string): { body: string; codes: string[] } {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
    if (!Array.isArray(parsed.errors)) return { body, codes: [] };
    const codes = parsed.errors.map((e) => {
      e.extensions = { ...e.extensions, requestId };
      return typeof e.extensions.code === 'string' ? e.extensions.code : 'UNKNOWN';
    });
    return { body: JSON.stringify(parsed), codes };
  } catch {
    return { body, codes: [] };
  }
}

/**
 * POST and GET /graphql, answered by Apollo Server. Registered inside the scope that holds the
 * response cache, whose hooks then apply to this route only.
 */
const graphql: FastifyPluginAsync<GraphQLPluginOptions> = async (app, options) => {
  const schema = app.config.federation ? buildSubgraphFrameworkSchema() : buildFrameworkSchema();
  const apollo = createApollo(schema, app.config, {
    compiledExecution: options.compiledExecution ?? true,
    graphiqlPage: app.hasDecorator('graphiqlPage') ? app.graphiqlPage : null,
  });
  await apollo.start();

  app.decorateRequest('graphql', null);
  app.addHook('onRequest', async (request, reply) => {
    // the caller's view, taken once, so the cache key, the answer and x-content-version all speak of
    // one version; without the drafts permission, drafts are not in it, so no resolver can leak one
    const framework = request.framework;
    request.graphql = { framework, operationName: null, errorCodes: [], answeredBy: 'miss' };
    reply.header('x-content-version', framework.version);
    // set before any path answers (Apollo, the byte cache, a 304, a refusal), so all of them say it
    reply.header('vary', GRAPHQL_VARY);
  });
  app.addHook('onResponse', async (request, reply) => {
    const exchange = request.graphql;
    if (!exchange) return;
    app.metrics.observeRequest(exchange.operationName, exchange.answeredBy, reply.elapsedTime / 1000);
    app.metrics.countErrors(exchange.errorCodes);
  });

  app.route({
    url: '/graphql',
    method: ['GET', 'POST'],
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const exchange = request.graphql!;
      const context: RequestContext = {
        framework: exchange.framework,
        versions: new RequestVersions(app.history, exchange.framework, request.permission.drafts),
        drafts: request.permission.drafts,
        requestId: String(request.id),
        log: request.log,
        exchange,
      };
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: httpGraphQLRequest(request),
        context: () => Promise.resolve(context),
      });
      for (const [name, value] of response.headers) reply.header(name, value);
      if (response.headers.get('content-type')?.startsWith('text/html')) reply.headers(GRAPHIQL_PAGE_HEADERS);
      const status = response.status ?? 200;
      // incremental delivery is not offered, so every answer is complete
      let body = response.body.kind === 'complete' ? response.body.string : '';
      if (status >= 400 || exchange.errorCodes.length > 0) {
        const decorated = withRequestId(body, String(request.id));
        body = decorated.body;
        // refusals before Apollo's request pipeline (CSRF, malformed requests) reach no plugin
        if (exchange.errorCodes.length === 0) exchange.errorCodes.push(...decorated.codes);
        exchange.answeredBy = 'error';
        reply.header('cache-control', 'no-store');
      }
      return reply.code(status).send(body);
    },
  });

  app.route({
    url: '/graphql',
    method: OTHER_METHODS,
    handler: async (request, reply) => {
      request.graphql!.answeredBy = 'error';
      request.graphql!.errorCodes.push('METHOD_NOT_ALLOWED');
      return sendError(
        reply.header('allow', 'GET, POST'),
        'METHOD_NOT_ALLOWED',
        `${request.method} is not allowed on /graphql; use GET or POST`,
      );
    },
  });

  app.addHook('onClose', async () => {
    await apollo.stop();
  });
};

/** The GraphQL endpoint; wrapped so the response cache registered beside it sees its route. */
export const graphqlPlugin = fp(graphql, { name: 'graphql', fastify: '5.x' });
