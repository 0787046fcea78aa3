import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Apollo's documented landing-page hook, answering a browser's GET /graphql (Accept: text/html)
 * with GraphiQL: Apollo decides which requests prefer HTML, as it does for its own sandbox.
 */
export function graphiqlLandingPage(html: string): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
