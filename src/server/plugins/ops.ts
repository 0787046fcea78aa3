import type { FastifyPluginAsync } from 'fastify';
import { printFrameworkSchema } from '../../graphql/schema';
import { anonymousFramework } from '../caller-view';
import '../decorators';

/** /healthz, /readyz, /metrics and /schema.graphql: the endpoints operators and client generators use. */
export const opsPlugin: FastifyPluginAsync = async (app) => {
  const { config, store, metrics, readiness } = app;
  const sdl = printFrameworkSchema();

  app.get('/healthz', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );

  app.get('/readyz', async (_request, reply) => {
    const status = readiness.draining ? 'draining' : 'ready';
    // whether versions from git can be asked for (versions, version, changes, @ref ids)
    const history = app.history !== null;
    // readiness answers without a token, so it tells only what anyone may see: with AUTH_REQUIRED,
    // nothing about the content
    const framework = config.auth.required ? null : anonymousFramework(store);
    const body = framework
      ? {
          status,
          contentVersion: framework.version,
          loadedAt: framework.loadedAt.toISOString(),
          tracks: framework.tracks.length,
          levels: framework.levels.length,
          history,
        }
      : { status, history };
    // a draining server tells the load balancer to stop sending traffic while in-flight requests finish
    return reply
      .code(readiness.draining ? 503 : 200)
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(text);
  });

  app.get('/schema.graphql', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=300').send(sdl),
  );
};
