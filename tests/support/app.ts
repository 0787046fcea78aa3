import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, type AppServices } from '../../src/server/app';
import { readConfig } from '../../src/server/config';
import { ContentStore } from '../../src/server/content-store';
import { Metrics } from '../../src/server/metrics';
import { BUNDLED_CONTENT } from './bundled';

/** The whole application on the bundled content (or `CONTENT_DIR`), driven with `app.inject()`. */
export async function buildTestApp(
  env: Record<string, string> = {},
  graphql: AppServices['graphql'] = {},
  /** Where log lines go (one JSON line per write); silent when omitted. */
  logTo?: { write(line: string): void },
): Promise<FastifyInstance> {
  const config = readConfig({ CONTENT_DIR: BUNDLED_CONTENT, ...env });
  const opened = await ContentStore.open(config.contentDir);
  if (!opened.ok) throw new Error(`content refused: ${JSON.stringify(opened.outcome)}`);
  const log = logTo ? pino({ level: 'info' }, logTo) : pino({ level: env.LOG_LEVEL ?? 'silent' });
  const app = await buildApp({ config, store: opened.store, metrics: new Metrics(), log, graphql });
  await app.ready();
  return app;
}
