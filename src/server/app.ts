import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildFrameworkSchema } from '../graphql/schema';
import { createApollo } from './apollo';
import { CompiledOperations } from './compiled-operations';
import { listSizesFor } from './cost';
import type { Config } from './config';
import type { ContentStore } from './content-store';
import { graphqlRoute } from './graphql-route';
import { errorBody, registerErrorHandlers } from './http-errors';
import { LIMITS } from './limits';
import type { Metrics } from './metrics';
import { registerExplorerRoutes } from './explorer-routes';
import { registerOpsRoutes, type Readiness } from './ops-routes';
import { ResponseCache } from './response-cache';

/** Everything a running server is made of, for main.ts and tests to drive. */
export interface Server {
  readonly app: FastifyInstance;
  readonly cache: ResponseCache;
  readonly readiness: Readiness;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A server ready to listen: Fastify hosting Apollo and the operations endpoints. */
export async function buildServer(
  config: Config,
  store: ContentStore,
  metrics: Metrics,
  log: Logger,
): Promise<Server> {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // one access line per request, written in onResponse, instead of Fastify's two
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: LIMITS.bodyBytes,
    requestIdHeader: false,
    // keep a caller's id when it is a sane one, so a request can be followed across services
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const cache = new ResponseCache(config.responseCacheBytes);
  const readiness: Readiness = { draining: false };

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Number(reply.elapsedTime.toFixed(2)),
      },
      'request',
    );
  });
  registerErrorHandlers(app, LIMITS.bodyBytes);
  if (config.corsOrigins === '*' || config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: [
        'content-type',
        'apollo-require-preflight',
        'x-apollo-operation-name',
        'x-request-id',
        'if-none-match',
      ],
      exposedHeaders: ['etag', 'x-request-id', 'x-content-version'],
      maxAge: 600,
    });
  }

  const schema = buildFrameworkSchema();
  const apollo = createApollo(schema, config, app, () => listSizesFor(store.current));
  await apollo.start();
  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    handler: graphqlRoute({
      apollo,
      schema,
      compiled: new CompiledOperations(schema),
      store,
      cache,
      metrics,
      config,
    }),
  });
  app.route({
    url: '/graphql',
    method: ['PUT', 'DELETE', 'PATCH'],
    handler: async (request, reply) =>
      reply
        .code(405)
        .header('allow', 'GET, POST, OPTIONS')
        .send(
          errorBody(
            `${request.method} is not allowed on /graphql; use GET or POST`,
            'METHOD_NOT_ALLOWED',
            String(request.id),
          ),
        ),
  });
  registerOpsRoutes(app, store, metrics, readiness);
  await registerExplorerRoutes(app, store, config);
  return { app, cache, readiness };
}
