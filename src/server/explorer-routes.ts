import type { FastifyInstance } from 'fastify';
import { explorerPlugin } from '../explorer/server/plugin';
import type { Config } from './config';
import type { ContentStore } from './content-store';
import './decorators';

export { EXPLORER_ASSET_DIR, EXPLORER_PAGES } from '../explorer/server/plugin';

/**
 * Temporary shim for the server core that predates decorators (issue 9): the new `buildApp` decorates
 * `config` and `store` and registers `explorerPlugin` itself, after which this file goes.
 */
export async function registerExplorerRoutes(
  app: FastifyInstance,
  store: ContentStore,
  config: Config,
  assetDir?: string,
): Promise<void> {
  // decorated here only when the caller has not, so the shim works before and during the rebuild
  if (!app.hasDecorator('config')) app.decorate('config', config);
  if (!app.hasDecorator('store')) app.decorate('store', store);
  await app.register(explorerPlugin, { assetDir });
}
