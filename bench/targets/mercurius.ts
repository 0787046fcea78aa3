/**
 * The fastest peer: the same type-graphql schema and content on Fastify with mercurius, graphql-jit
 * on from the first repeat of a query (`jit: 1`), no logger, no limits beyond mercurius's defaults.
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { announce, listenAddress, run, schemaAndFramework } from './common';

run(async () => {
  const { schema, framework } = await schemaAndFramework();
  const app = Fastify({ logger: false });
  await app.register(mercurius, {
    schema,
    context: () => ({ framework }),
    jit: 1,
    path: '/graphql',
    graphiql: false,
  });
  const { port, host } = listenAddress();
  await app.listen({ port, host });
  announce(`http://${host}:${port}/graphql`);
  const stop = (): void => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
