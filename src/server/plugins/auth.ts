import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ANONYMOUS, Authenticator, InvalidToken, type Permission } from '../auth';
import { IssuerUnavailable } from '../auth/jwks';
import { sendError } from '../error-codes';
import '../decorators';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the caller may see, from its bearer token; anonymous on routes outside the API. */
    permission: Permission;
  }
}

/** The routes whose answers depend on the caller: GraphQL, MCP, the exports, the feed and CASE. */
const CALLER_ROUTES = new Set(['/graphql', '/mcp', '/changes.atom']);

function isApi(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  if (url === undefined) return false;
  return CALLER_ROUTES.has(url) || url.startsWith('/export/') || url.startsWith('/ims/case/');
}

/**
 * Bearer tokens on the API: a valid one sets the request's permission, an invalid one is refused
 * with 401 UNAUTHORIZED (never treated as no token), and with AUTH_REQUIRED so is a missing one.
 * A token that could not be judged because the issuer's keys could not be fetched is answered 503
 * AUTH_UNAVAILABLE with retry-after: the outage is not the client's.
 * Registered before the GraphQL plugin, whose hooks read the permission.
 */
const auth: FastifyPluginAsync = async (app) => {
  const { config } = app;
  const authenticator = new Authenticator(config.auth, app.log);
  app.decorateRequest('permission', null as unknown as Permission);
  app.addHook('onRequest', async (request, reply) => {
    request.permission = ANONYMOUS;
    if (!isApi(request)) return;
    try {
      request.permission = await authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      if (error instanceof IssuerUnavailable) {
        return sendError(
          reply.header('retry-after', String(error.retryAfterSeconds)),
          'AUTH_UNAVAILABLE',
          'Service unavailable: the token could not be checked because its issuer is not answering; try again.',
        );
      }
      if (!(error instanceof InvalidToken)) throw error;
      return sendError(
        reply.header('www-authenticate', 'Bearer error="invalid_token"'),
        'UNAUTHORIZED',
        `Unauthorized: ${error.message}.`,
      );
    }
    if (config.auth.required && !request.permission.authenticated) {
      return sendError(
        reply.header('www-authenticate', 'Bearer'),
        'UNAUTHORIZED',
        'Unauthorized: this server needs a bearer token (Authorization: Bearer <token>).',
      );
    }
  });
};

/** Who the caller is, for every plugin after it. */
export const authPlugin = fp(auth, { name: 'auth', fastify: '5.x' });
