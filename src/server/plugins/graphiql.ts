import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { loadAssets, type ExplorerAssets } from '../explorer/assets';
import { sendAsset } from '../explorer/send-asset';
import '../decorators';

declare module 'fastify' {
  interface FastifyInstance {
    /** GraphiQL's HTML, answered by Apollo to a browser's GET /graphql; null when off or not built. */
    readonly graphiqlPage: string | null;
  }
}

/**
 * Where `node scripts/build-graphiql.js` writes the bundle: three levels below the repository both as
 * src/server/plugins/*.ts and as dist/server/plugins/*.js.
 */
export const GRAPHIQL_ASSET_DIR = path.resolve(__dirname, '..', '..', '..', 'dist', 'graphiql');

/** The security headers of the GraphiQL page: its own scripts only; CodeMirror and React style inline. */
export const GRAPHIQL_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-cache',
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; '),
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'same-origin',
};

function page(assets: ExplorerAssets): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>GraphiQL · Career framework API</title>
    <link rel="stylesheet" href="${assets.base}/main.css">
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql"><p>Loading GraphiQL…</p></div>
    <noscript>GraphiQL needs JavaScript. The API answers at POST /graphql without it.</noscript>
    <script type="module" src="${assets.base}/main.js"></script>
  </body>
</html>
`;
}

/**
 * GraphiQL, bundled and served by this server (no CDN): its assets here, its page through Apollo's
 * landing-page hook (see apollo/graphiql.ts), so GET /graphql answers a browser with the IDE and
 * every other client as before. GRAPHIQL=false turns it off.
 */
const graphiql: FastifyPluginAsync<{ assetDir?: string }> = async (app, options) => {
  const assets = app.config.graphiql ? loadAssets(options.assetDir ?? GRAPHIQL_ASSET_DIR) : null;
  if (app.config.graphiql && !assets) {
    app.log.warn(
      { assetDir: options.assetDir ?? GRAPHIQL_ASSET_DIR },
      'GraphiQL is not built, so a browser opening /graphql gets a JSON error: run `npm run build`',
    );
  }
  app.decorate('graphiqlPage', assets ? page(assets) : null);
  if (!assets) return;
  app.get<{ Params: { '*': string } }>(`${assets.base}/*`, async (request, reply) => {
    const asset = assets.files.get(request.params['*']);
    if (!asset) return reply.callNotFound();
    return sendAsset(request, reply, asset, app.config.production);
  });
};

/** Registered before the GraphQL scope, which reads `graphiqlPage`. */
export const graphiqlPlugin = fp(graphiql, { name: 'graphiql', fastify: '5.x' });
