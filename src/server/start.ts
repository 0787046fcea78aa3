import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ContentProblem } from '../content/problem';
import { buildApp, type AppServices } from './app';
import type { Config } from './config';
import { ContentStore } from './content-store';
import { recordLoad, reloadReporter } from './lifecycle';
import { knownOperations } from './known-operations';
import { Metrics } from './metrics';

/** A listening server and the parts main.ts and tests drive. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: ContentStore;
  readonly metrics: Metrics;
  /** e.g. http://127.0.0.1:4000 */
  readonly address: string;
  close(): Promise<void>;
}

/** Loads the content and listens; content with errors resolves to the problems instead. */
export async function startServer(
  config: Config,
  log: Logger,
  options: Pick<AppServices, 'graphql'> = {},
): Promise<{ ok: true; running: RunningServer } | { ok: false; problems: ContentProblem[] }> {
  const metrics = new Metrics(await knownOperations());
  const opened = await ContentStore.open(
    config.contentDir,
    { onReload: reloadReporter(log, metrics) },
    { settleMs: config.contentSettleMs },
  );
  if (!opened.ok) {
    return { ok: false, problems: opened.outcome.ok ? [] : opened.outcome.problems };
  }
  const { store, outcome } = opened;
  if (outcome.ok) recordLoad(log, metrics, outcome.framework, outcome.warnings, outcome.durationMs);
  const app = await buildApp({ config, store, metrics, log, ...options });
  if (config.contentWatch) store.watch();
  // Fastify logs one line per interface on listen; main.ts writes the one structured start-up line instead
  const level = app.log.level;
  app.log.level = 'warn';
  const address = await app
    .listen({ port: config.port, host: config.host })
    .finally(() => (app.log.level = level));
  return {
    ok: true,
    running: {
      app,
      store,
      metrics,
      address,
      close: async () => {
        store.unwatch();
        await app.close();
      },
    },
  };
}
