/**
 * What most people would write: Apollo Server's standalone HTTP server with the same type-graphql
 * schema and content, default plugins and settings, context `{ framework }`.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { announce, listenAddress, run, schemaAndFramework } from './common';

run(async () => {
  const { schema, framework } = await schemaAndFramework();
  const server = new ApolloServer<{ framework: object }>({ schema });
  const { port, host } = listenAddress();
  await startStandaloneServer(server, { listen: { port, host }, context: async () => ({ framework }) });
  announce(`http://${host}:${port}/graphql`);
  const stop = (): void => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
