import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { CompiledOperation, CompiledOperations } from './compiled-operations';
import type { Config } from './config';
import type { ContentStore } from './content-store';
import { listSizesFor } from './cost';
import {
  cacheHeaders,
  etagMatches,
  JSON_TYPE,
  passesCsrfRule,
  readParams,
  withRequestId,
} from './graphql-http';
import { LIMITS } from './limits';
import type { Metrics } from './metrics';
import type { RequestContext } from './request-context';
import { etagFor, responseKey, type ResponseCache } from './response-cache';
import { staticFieldBound } from './static-cost';

interface RouteDeps {
  readonly apollo: ApolloServer<RequestContext>;
  readonly schema: GraphQLSchema;
  readonly compiled: CompiledOperations;
  readonly store: ContentStore;
  readonly cache: ResponseCache;
  readonly metrics: Metrics;
  readonly config: Config;
}

/**
 * The /graphql handler, fastest answer first:
 * 1. a GET whose If-None-Match matches: 304;
 * 2. a repeated operation: the cached bytes, encoded once;
 * 3. a document Apollo has answered before: graphql-jit's compiled code, same bytes as Apollo's;
 * 4. anything else, and anything unusual on the way: Apollo, with every limit and error path.
 */
export function graphqlRoute(deps: RouteDeps): RouteHandlerMethod {
  const { apollo, schema, compiled, store, cache, metrics, config } = deps;

  const finish = (reply: FastifyReply, operationName: string | null, how: string, started: number) => {
    metrics.observeRequest(operationName, how, (performance.now() - started) / 1000);
    return reply;
  };

  /** Sends a successful answer and keeps its bytes for the next identical request. */
  const sendSuccess = (request: FastifyRequest, reply: FastifyReply, key: string, text: string) => {
    const body = Buffer.from(text);
    const etag = etagFor(key);
    cache.set(key, { body, etag, contentType: JSON_TYPE });
    metrics.countCache(cache.enabled ? 'miss' : 'bypass');
    cacheHeaders(reply, request.method, etag, config.cacheMaxAge);
    return reply.code(200).type(JSON_TYPE).send(body);
  };

  /** Resolves to the body, or to null when anything is off (variables, cost, any error): Apollo answers then. */
  async function runCompiled(
    known: CompiledOperation,
    variables: unknown,
    context: RequestContext,
  ): Promise<string | null> {
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
    const sizes = listSizesFor(context.framework);
    let bound = known.bounds.get(sizes);
    if (bound === undefined) {
      bound = staticFieldBound(schema, known.document, known.operationName, sizes);
      known.bounds.set(sizes, bound);
    }
    // over the bound for some variables: Apollo checks these ones exactly
    if (bound > LIMITS.cost) return null;
    try {
      const result = await known.compiled.query(
        undefined,
        context,
        (variables ?? {}) as Record<string, unknown>,
      );
      // the bytes Apollo's default stringifyResult would send
      return result.errors?.length ? null : `${known.compiled.stringify(result)}\n`;
    } catch {
      return null;
    }
  }

  return async (request, reply) => {
    const started = performance.now();
    const framework = store.current;
    reply.header('x-content-version', framework.version);
    const params = request.method === 'OPTIONS' ? null : readParams(request);
    const operationName = typeof params?.operationName === 'string' ? params.operationName : null;
    const query = typeof params?.query === 'string' && params.extensions === undefined ? params.query : null;
    const key =
      query === null ? null : responseKey(framework.version, query, params!.variables, params!.operationName);
    const csrfOk = passesCsrfRule(request);

    if (query !== null && key !== null && csrfOk) {
      const ifNoneMatch = request.headers['if-none-match'];
      if (request.method === 'GET' && ifNoneMatch !== undefined) {
        const etag = etagFor(key);
        if (etagMatches(ifNoneMatch, etag)) {
          metrics.countCache('not_modified');
          cacheHeaders(reply, 'GET', etag, config.cacheMaxAge);
          return finish(reply.code(304).send(), operationName, 'not_modified', started);
        }
      }
      const hit = cache.get(key);
      if (hit) {
        metrics.countCache('hit');
        cacheHeaders(reply, request.method, hit.etag, config.cacheMaxAge);
        return finish(reply.code(200).type(hit.contentType).send(hit.body), operationName, 'hit', started);
      }
    }

    // only requests the cache could not answer get a context
    const context: RequestContext = {
      framework,
      requestId: String(request.id),
      log: request.log,
      errorCodes: [],
    };
    if (query !== null && key !== null && csrfOk) {
      const known = compiled.get(query, operationName);
      const body = known ? await runCompiled(known, params!.variables, context) : null;
      if (body !== null)
        return finish(sendSuccess(request, reply, key, body), operationName, 'compiled', started);
    }

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const queryIndex = request.url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method.toUpperCase(),
        headers,
        search: queryIndex === -1 ? '' : request.url.slice(queryIndex),
        body: request.body,
      },
      context: () => Promise.resolve(context),
    });
    for (const [name, value] of response.headers) reply.header(name, value);
    const status = response.status ?? 200;
    // incremental delivery is off, so every answer is complete
    const text = response.body.kind === 'complete' ? response.body.string : '';

    if (status === 200 && context.errorCodes.length === 0 && key !== null && query !== null) {
      compiled.succeeded(query, operationName);
      return finish(sendSuccess(request, reply, key, text), operationName, 'miss', started);
    }
    const decorated = withRequestId(text, String(request.id));
    // errors raised before Apollo's pipeline (CSRF, bad request) never reach the response plugin
    if (context.errorCodes.length === 0) context.errorCodes.push(...decorated.codes);
    metrics.countErrors(context.errorCodes);
    if (request.method !== 'OPTIONS') {
      metrics.countCache('bypass');
      reply.header('cache-control', 'no-store');
    }
    return finish(reply.code(status).send(decorated.body), operationName, 'error', started);
  };
}
