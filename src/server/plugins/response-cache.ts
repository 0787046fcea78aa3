import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { etagMatches, etagOf } from '../etag';
import { ResponseCache } from '../response-cache';
import '../decorators';

declare module 'fastify' {
  interface FastifyRequest {
    /** The response cache's key for this request; null when it is not cacheable. */
    responseCacheKey: string | null;
  }
}

// The headers Apollo's answer depends on: content negotiation and its CSRF rule.
const KEYED_HEADERS = ['accept', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Everything Apollo's answer depends on: the content version, the caller's permission (drafts or
 * not), the method, the headers above and the request itself (the URL's query string for GET, the
 * body for POST). A cached answer is then the answer Apollo would give, by construction.
 */
function cacheKey(request: FastifyRequest, version: string): string | null {
  if (request.method !== 'GET' && request.method !== 'POST') return null;
  const headers = KEYED_HEADERS.map((name) => request.headers[name] ?? null);
  const queryIndex = request.url.indexOf('?');
  const input =
    request.method === 'GET' ? (queryIndex === -1 ? '' : request.url.slice(queryIndex)) : request.body;
  try {
    const permission = request.permission.drafts ? 'drafts' : 'published';
    return JSON.stringify([version, permission, request.method, headers, input]);
  } catch {
    // a body nested deeper than the stack (a hostile one): not cacheable, and Apollo refuses it
    return null;
  }
}

/**
 * ETag and Cache-Control of a successful answer: only GET answers without a token are for shared
 * caches. An answer to a token depends on what the token allows, so it is private. (Vary, which
 * names Accept and Authorization, is the GraphQL plugin's, on every answer of the route.)
 */
function validators(reply: FastifyReply, request: FastifyRequest, etag: string, maxAge: number): void {
  reply.header('etag', etag);
  const cacheControl = request.permission.authenticated
    ? request.method === 'GET'
      ? `private, max-age=${maxAge}`
      : 'private, no-cache'
    : request.method === 'GET'
      ? `public, max-age=${maxAge}`
      : 'no-cache';
  reply.header('cache-control', cacheControl);
}

/**
 * The byte cache of complete answers and HTTP validators, in front of the GraphQL route: a repeated
 * request is answered with the bytes Apollo sent the last time, and a GET whose If-None-Match
 * matches a successful answer gets 304. Only successful answers are kept or validated; every other
 * answer is Apollo's, every time.
 */
const responseCache: FastifyPluginAsync = async (app) => {
  const { config, metrics, store } = app;
  const cache = new ResponseCache(config.responseCacheBytes);
  const unsubscribe = store.onSwap(() => cache.clear());
  app.addHook('onClose', async () => unsubscribe());

  app.decorateRequest('responseCacheKey', null);
  app.addHook('preHandler', async (request, reply) => {
    const exchange = request.graphql;
    if (!exchange) return;
    const key = cacheKey(request, exchange.framework.version);
    request.responseCacheKey = key;
    const hit = key === null ? undefined : cache.get(key);
    if (!hit) return;
    exchange.operationName = hit.operationName;
    validators(reply, request, hit.etag, config.cacheMaxAge);
    if (request.method === 'GET' && etagMatches(request.headers['if-none-match'], hit.etag)) {
      exchange.answeredBy = 'not_modified';
      metrics.countCache('not_modified');
      // the same headers as the 304 computed from Apollo's answer, which keeps its content type
      return reply.code(304).type(hit.contentType).send();
    }
    exchange.answeredBy = 'hit';
    metrics.countCache('hit');
    return reply.code(200).type(hit.contentType).send(hit.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const exchange = request.graphql;
    const key = request.responseCacheKey;
    if (!exchange || exchange.answeredBy === 'hit' || exchange.answeredBy === 'not_modified') return payload;
    if (
      key === null ||
      reply.statusCode !== 200 ||
      exchange.errorCodes.length > 0 ||
      typeof payload !== 'string'
    ) {
      metrics.countCache('bypass');
      return payload;
    }
    const body = Buffer.from(payload);
    const etag = etagOf(body);
    const contentType = String(reply.getHeader('content-type'));
    cache.set(key, etagOf(key), { body, etag, contentType, operationName: exchange.operationName });
    metrics.countCache(cache.enabled ? 'miss' : 'bypass');
    validators(reply, request, etag, config.cacheMaxAge);
    if (request.method === 'GET' && etagMatches(request.headers['if-none-match'], etag)) {
      exchange.answeredBy = 'not_modified';
      reply.code(304);
      return '';
    }
    return body;
  });
};

/** Registered beside the GraphQL plugin, inside its scope, so its hooks apply to /graphql only. */
export const responseCachePlugin = fp(responseCache, { name: 'response-cache', fastify: '5.x' });
