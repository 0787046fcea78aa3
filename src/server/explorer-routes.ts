import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { ContentStore } from './content-store';

/** The framework explorer, embeds and CSV export: pages served by this same server. */
export async function registerExplorerRoutes(
  _app: FastifyInstance,
  _store: ContentStore,
  _config: Config,
): Promise<void> {
  // filled in by the explorer work
}
