import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { Logger } from 'pino';
import type { GraphQLSchema } from 'graphql';
import type { CompiledOperation, CompiledOperations } from './compiled-operations';
import type { Config } from './config';
import { listSizesFor } from './cost';
import { staticFieldBound } from './static-cost';
import { LIMITS } from './limits';
import type { ContentStore } from './content-store';
import type { Metrics } from './metrics';
import type { RequestContext } from './request-context';
import { etagFor, responseKey, type ResponseCache } from './response-cache';

interface RouteDeps {
  readonly apollo: ApolloServer<RequestContext>;
  readonly schema: GraphQLSchema;
  readonly compiled: CompiledOperations;
  readonly store: ContentStore;
  readonly cache: ResponseCache;
  readonly metrics: Metrics;
  readonly config: Config;
}

interface GraphQLParams {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const SIMPLE_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Apollo's own CSRF rule (a header a browser form cannot send): repeated answers are served before
 * Apollo runs, so the same rule has to hold there.
 */
function passesCsrfRule(request: FastifyRequest): boolean {
  if (request.headers['apollo-require-preflight'] || request.headers['x-apollo-operation-name']) return true;
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && type !== '' && !SIMPLE_CONTENT_TYPES.includes(type);
}

/** GET carries variables as JSON text in the URL; POST as an object in the body. */
function readParams(request: FastifyRequest): GraphQLParams | null {
  if (request.method === 'POST') {
    const body = request.body;
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as GraphQLParams) : null;
  }
  const q = request.query as Record<string, unknown>;
  if (typeof q.variables === 'string') {
    try {
      return { ...q, variables: JSON.parse(q.variables) };
    } catch {
      return null;
    }
  }
  return q;
}

function cacheHeaders(reply: FastifyReply, method: string, etag: string, maxAge: number): void {
  reply.header('etag', etag);
  reply.header('cache-control', method === 'GET' ? `public, max-age=${maxAge}` : 'no-cache');
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // weak comparison (RFC 9110 §13.1.2): W/"x" matches "x"
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Puts the request id into every error of a JSON error response, so a client's report finds the log line. */
function withRequestId(body: string, requestId: string): { body: string; codes: string[] } {
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
 * The /graphql handler. A repeated operation is answered from the response cache (or with 304)
 * before the GraphQL pipeline runs; everything else goes through Apollo with every limit on.
 */
export function graphqlRoute(deps: RouteDeps, log: Logger): RouteHandlerMethod {
  const { apollo, schema, compiled, store, cache, metrics, config } = deps;

  /**
   * Runs a known-good document with graphql-jit. Resolves to the response body, or to null when
   * anything is off (variables that do not fit, the cost limit, any error): Apollo then answers.
   */
  async function runCompiled(
    known: CompiledOperation,
    variables: unknown,
    context: RequestContext,
  ): Promise<string | null> {
    if (
      variables !== undefined &&
      variables !== null &&
      (typeof variables !== 'object' || Array.isArray(variables))
    )
      return null;
    const vars = (variables ?? {}) as Record<string, unknown>;
    try {
      const sizes = listSizesFor(context.framework);
      let bound = known.bounds.get(sizes);
      if (bound === undefined) {
        bound = staticFieldBound(schema, known.document, known.operationName, sizes);
        known.bounds.set(sizes, bound);
      }
      // over the bound for some variables: Apollo checks these ones exactly
      if (bound > LIMITS.cost) return null;
      const result = await known.compiled.query(undefined, context, vars);
      if (result.errors?.length) return null;
      // the bytes Apollo's default stringifyResult would send
      return `${known.compiled.stringify(result)}\n`;
    } catch {
      return null;
    }
  }

  return async (request, reply) => {
    const started = performance.now();
    const framework = store.current;
    const params = request.method === 'OPTIONS' ? null : readParams(request);
    const operationName = typeof params?.operationName === 'string' ? params.operationName : null;
    const keyable = params !== null && typeof params.query === 'string' && params.extensions === undefined;
    const key = keyable
      ? responseKey(framework.version, params.query as string, params.variables, params.operationName)
      : null;
    const etag = key === null ? null : etagFor(key);
    reply.header('x-content-version', framework.version);

    if (key !== null && etag !== null && passesCsrfRule(request)) {
      if (request.method === 'GET' && etagMatches(request.headers['if-none-match'], etag)) {
        metrics.countCache('not_modified');
        metrics.observeRequest(operationName, 'not_modified', (performance.now() - started) / 1000);
        cacheHeaders(reply, 'GET', etag, config.cacheMaxAge);
        return reply.code(304).send();
      }
      const hit = cache.get(key);
      if (hit) {
        metrics.countCache('hit');
        metrics.observeRequest(operationName, 'hit', (performance.now() - started) / 1000);
        cacheHeaders(reply, request.method, hit.etag, config.cacheMaxAge);
        return reply.code(200).type(hit.contentType).send(hit.body);
      }
    }

    const context: RequestContext = {
      framework,
      requestId: String(request.id),
      log: request.log,
      errorCodes: [],
    };

    const query = keyable ? (params.query as string) : null;
    const known =
      query !== null && key !== null && etag !== null && passesCsrfRule(request)
        ? compiled.get(query, operationName)
        : undefined;
    if (known && key !== null && etag !== null) {
      const body = await runCompiled(known, params?.variables, context);
      if (body !== null) {
        cache.set(key, { body, etag, contentType: JSON_TYPE });
        metrics.countCache(cache.enabled ? 'miss' : 'bypass');
        metrics.observeRequest(operationName, 'compiled', (performance.now() - started) / 1000);
        cacheHeaders(reply, request.method, etag, config.cacheMaxAge);
        return reply.code(200).type(JSON_TYPE).send(body);
      }
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
    reply.code(status);
    if (response.body.kind !== 'complete') {
      // incremental delivery is not enabled; nothing in this schema streams
      log.error({ requestId: request.id }, 'unexpected streamed GraphQL response');
      return reply
        .code(500)
        .type(JSON_TYPE)
        .send({
          errors: [
            {
              message: 'Internal server error',
              extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: request.id },
            },
          ],
        });
    }
    let body = response.body.string;
    const ok = status === 200 && context.errorCodes.length === 0;
    if (!ok) {
      const decorated = withRequestId(body, String(request.id));
      body = decorated.body;
      // errors raised before Apollo's pipeline (CSRF, bad request) never reach the response plugin
      if (context.errorCodes.length === 0) context.errorCodes.push(...decorated.codes);
    }
    metrics.countErrors(context.errorCodes);
    if (ok && key !== null && etag !== null) {
      const contentType = response.headers.get('content-type') ?? JSON_TYPE;
      metrics.countCache(cache.enabled ? 'miss' : 'bypass');
      cache.set(key, { body, etag, contentType });
      if (query !== null) compiled.succeeded(query, operationName);
      cacheHeaders(reply, request.method, etag, config.cacheMaxAge);
    } else if (request.method !== 'OPTIONS') {
      metrics.countCache('bypass');
      reply.header('cache-control', 'no-store');
    }
    metrics.observeRequest(operationName, ok ? 'miss' : 'error', (performance.now() - started) / 1000);
    return reply.send(body);
  };
}
