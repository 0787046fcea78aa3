import type { FastifyReply, FastifyRequest } from 'fastify';

/** The parameters of a GraphQL-over-HTTP request, as sent. */
export interface GraphQLParams {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
const SIMPLE_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Apollo's own CSRF rule (a header a browser form cannot send): repeated answers are served before
 * Apollo runs, so the same rule has to hold there.
 */
export function passesCsrfRule(request: FastifyRequest): boolean {
  if (request.headers['apollo-require-preflight'] || request.headers['x-apollo-operation-name']) return true;
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && type !== '' && !SIMPLE_CONTENT_TYPES.includes(type);
}

/** GET carries variables as JSON text in the URL; POST as an object in the body. */
export function readParams(request: FastifyRequest): GraphQLParams | null {
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

/** ETag and Cache-Control of a successful answer: only GET answers are for shared caches. */
export function cacheHeaders(reply: FastifyReply, method: string, etag: string, maxAge: number): void {
  reply.header('etag', etag);
  reply.header('cache-control', method === 'GET' ? `public, max-age=${maxAge}` : 'no-cache');
}

/** If-None-Match against one ETag, with the weak comparison RFC 9110 §13.1.2 asks for. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Puts the request id into every error of a JSON error response, so a client's report finds the log line. */
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
