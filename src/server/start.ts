import type { Logger } from 'pino';
import type { ContentProblem } from '../content/problem';
import { buildServer, type Server } from './app';
import type { Config } from './config';
import { ContentStore } from './content-store';
import { recordLoad, reloadReporter } from './lifecycle';
import { Metrics } from './metrics';

/** A listening server and the parts main.ts and tests drive. */
export interface RunningServer {
  readonly server: Server;
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
): Promise<{ ok: true; running: RunningServer } | { ok: false; problems: ContentProblem[] }> {
  const metrics = new Metrics();
  // the reload reporter empties the server's cache, and the server is built after the first load
  const built: { server?: Server } = {};
  const opened = await ContentStore.open(config.contentDir, {
    onReload: reloadReporter(log, metrics, () => built.server),
  });
  if (!opened.ok) {
    return { ok: false, problems: opened.outcome.ok ? [] : opened.outcome.problems };
  }
  const { store, outcome } = opened;
  if (outcome.ok) recordLoad(log, metrics, outcome.framework, outcome.warnings, outcome.durationMs);
  const server = await buildServer(config, store, metrics, log);
  built.server = server;
  if (config.contentWatch) store.watch();
  // Fastify logs one line per interface on listen; main.ts writes the one structured start-up line instead
  const level = server.app.log.level;
  server.app.log.level = 'warn';
  const address = await server.app
    .listen({ port: config.port, host: config.host })
    .finally(() => (server.app.log.level = level));
  return {
    ok: true,
    running: {
      server,
      store,
      metrics,
      address,
      close: async () => {
        store.unwatch();
        await server.app.close();
      },
    },
  };
}
