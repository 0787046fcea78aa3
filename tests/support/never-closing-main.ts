/**
 * src/main.ts's serve-and-handle-signals, with an app whose close() never finishes and keeps the
 * event loop busy meanwhile: what a stuck onClose hook or a resource that never closes does.
 */
import { readConfig } from '../../src/server/config';
import { handleSignals } from '../../src/server/lifecycle';
import { createLogger } from '../../src/server/logger';
import { startServer } from '../../src/server/start';

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config);
  const result = await startServer(config, log);
  if (!result.ok) process.exit(2);
  const { app, store, address } = result.running;
  Object.assign(app, {
    close: () => new Promise(() => setInterval(() => undefined, 60_000)),
  });
  handleSignals(app, store, config, log);
  log.info({ address: `${address}/graphql` }, `listening on ${address}/graphql`);
}

void main();
