import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ContentHistory } from '../content/history/history';
import { explorerPlugin } from './explorer/plugin';
import { callerViewPlugin } from './caller-view';
import type { Config } from './config';
import type { ContentStore } from './content-store';
import type { Readiness } from './decorators';
import { httpOptions } from './http-options';
import { LIMITS } from './request-limits';
import type { Metrics } from './metrics';
import { authPlugin } from './plugins/auth';
import { casePlugin } from './plugins/case';
import { changesCsvPlugin } from './plugins/changes-csv';
import { checklistExportPlugin } from './plugins/checklist-export';
import { changesFeedPlugin } from './plugins/changes-feed';
import { drainPlugin } from './plugins/drain';
import { errorsPlugin } from './plugins/errors';
import { graphiqlPlugin } from './plugins/graphiql';
import { graphqlPlugin, type GraphQLPluginOptions } from './plugins/graphql';
import { mcpPlugin } from './plugins/mcp';
import { opsPlugin } from './plugins/ops';
import { responseCachePlugin } from './plugins/response-cache';

/** The services an app is built from; each becomes a Fastify decorator that every plugin reads. */
export interface AppServices {
  readonly config: Config;
  readonly store: ContentStore;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Versions from git; opened from CONTENT_DIR when not given (null: none). */
  readonly history?: ContentHistory | null;
  /** Tests turn the fast paths off to compare the answers with Apollo's alone. */
  readonly graphql?: GraphQLPluginOptions & { readonly responseCache?: boolean };
}

/**
 * The whole HTTP application, ready for `app.inject()` or `app.listen()`: one plugin per feature.
 * Listening and signals are start.ts's.
 */
export async function buildApp(services: AppServices): Promise<FastifyInstance> {
  const { config, store, metrics, log } = services;
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // one access line per request, written by the errors plugin, instead of Fastify's two
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: LIMITS.bodyBytes,
    requestIdHeader: false,
    ...httpOptions(config),
  });
  const readiness: Readiness = { draining: false };
  app.decorate('config', config);
  app.decorate('store', store);
  app.decorate('metrics', metrics);
  app.decorate('readiness', readiness);
  const history = services.history !== undefined ? services.history : await openHistory(config);
  app.decorate('history', history);
  if (history) {
    // a reload or SIGHUP is when new commits, tags and branches are looked for
    const unsubscribe = store.onSwap(() => history.refresh());
    app.addHook('onClose', async () => unsubscribe());
  }

  await app.register(errorsPlugin);
  await app.register(drainPlugin);
  if (config.corsOrigins === '*' || config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: [
        'authorization',
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
  await app.register(authPlugin);
  await app.register(callerViewPlugin);
  await app.register(graphiqlPlugin);
  // the cache's hooks sit in front of the GraphQL route only: both live in this one scope
  await app.register(async (scope) => {
    if (services.graphql?.responseCache !== false) await scope.register(responseCachePlugin);
    await scope.register(graphqlPlugin, services.graphql ?? {});
  });
  await app.register(opsPlugin);
  await app.register(changesCsvPlugin);
  await app.register(checklistExportPlugin);
  await app.register(changesFeedPlugin);
  await app.register(mcpPlugin);
  await app.register(casePlugin);
  await app.register(explorerPlugin);
  return app;
}

/** The content's git history, when HISTORY is on and a repository holds CONTENT_DIR. */
export function openHistory(config: Config): Promise<ContentHistory | null> {
  if (!config.history) return Promise.resolve(null);
  return ContentHistory.open(config.contentDir, {
    branch: config.historyBranch,
    cacheVersions: config.historyCacheVersions,
  });
}
