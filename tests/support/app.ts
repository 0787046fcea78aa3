import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, type AppServices } from '../../src/server/app';
import { readConfig } from '../../src/server/config';
import { ContentStore } from '../../src/server/content-store';
import { Metrics } from '../../src/server/metrics';
import { BUNDLED_CONTENT } from './bundled';
import { buildHistory, type History } from './git-content';

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

/** POSTs one GraphQL document to the app and returns the parsed answer. */
export async function postQuery(
  app: FastifyInstance,
  source: string,
): Promise<{ data?: any; errors?: any[] }> {
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query: source } });
  return response.json();
}

/** One test file's app on the {@link buildHistory} repository: built before its tests, removed after. */
export function useHistoryApp(): { readonly history: History; readonly app: FastifyInstance } {
  const subject = {} as { history: History; app: FastifyInstance };
  beforeAll(async () => {
    subject.history = await buildHistory();
    subject.app = await buildTestApp({ CONTENT_DIR: subject.history.contentDir });
  });
  afterAll(async () => {
    await subject.app?.close();
    subject.history?.remove();
  });
  return subject;
}
