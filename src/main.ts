import { formatProblem } from './content/problem';
import { ConfigError, readConfig, type Config } from './server/config';
import { handleSignals } from './server/lifecycle';
import { createLogger, flushLogs } from './server/logger';
import { startServer } from './server/start';

/** config → load → serve. Any failure before listening exits 1 with the reason. */
async function main(): Promise<void> {
  const started = performance.now();
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const log = createLogger(config);
  for (const warning of config.warnings) log.warn({ config: true }, warning);
  let result: Awaited<ReturnType<typeof startServer>>;
  try {
    result = await startServer(config, log);
  } catch (error) {
    const refusal = listenRefusal(error, config);
    if (!refusal) throw error;
    console.error(refusal);
    await flushLogs();
    process.exit(1);
  }
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    log.fatal(
      { contentDir: config.contentDir, problems: result.problems.length },
      'content has errors; not starting',
    );
    await flushLogs();
    process.exit(1);
  }
  const { app, store, address } = result.running;
  handleSignals(app, store, config, log);
  const framework = store.unfiltered;
  const port = new URL(address).port;
  // Fastify reports one loopback address; say what the server is really bound to
  const where = ['0.0.0.0', '::'].includes(config.host)
    ? `every interface (${config.host}) on port ${port}`
    : `${address}/graphql`;
  log.info(
    {
      version: process.env.npm_package_version ?? '0.1.0',
      node: process.version,
      address: `${address}/graphql`,
      host: config.host,
      port: Number(port),
      contentVersion: framework.version,
      contentDir: config.contentDir,
      tracks: framework.tracks.length,
      levels: framework.levels.length,
      readyMs: Math.round(performance.now() - started),
      contentWatch: config.contentWatch,
      history: app.history !== null,
      introspection: config.introspection,
    },
    `listening on ${where}`,
  );
}

/** One line an operator can act on when the address cannot be listened on; undefined for anything else. */
function listenRefusal(error: unknown, config: Config): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `port ${config.port} on ${config.host} is in use; set PORT to another`;
  if (code === 'EACCES')
    return `not allowed to listen on port ${config.port} on ${config.host}; set PORT to one above 1023`;
  if (code === 'EADDRNOTAVAIL') return `${config.host} is not an address of this machine; set HOST to one`;
  return undefined;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
