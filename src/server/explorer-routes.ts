import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { competencyMatrix } from '../domain/matrix';
import { loadAssets, type Asset } from '../explorer/assets';
import { matrixCsv } from '../explorer/matrix-csv';
import { pageHeaders } from '../explorer/page-headers';
import { renderShell, type ShellKind } from '../explorer/shell';
import type { Config } from './config';
import type { ContentStore } from './content-store';
import { errorBody } from './http-errors';

/**
 * Where `node scripts/build-explorer.js` writes the browser code. This file is two levels below the
 * repository both as src/server/*.ts (tsx, ts-jest) and as dist/server/*.js, so one path serves both.
 */
export const EXPLORER_ASSET_DIR = path.resolve(__dirname, '..', '..', 'dist', 'explorer', 'public');

/** The explorer's URLs; each answers the same shell and the modules render the page from the URL. */
export const EXPLORER_PAGES: Readonly<Record<string, ShellKind>> = {
  '/': 'page',
  '/level': 'page',
  '/diff': 'page',
  '/search': 'page',
  '/matrix': 'page',
  '/embed/matrix': 'embed',
  '/embed/level': 'embed',
};

/** The framework explorer, embeds and CSV export (issue 6): pages served by this same server. */
export async function registerExplorerRoutes(
  app: FastifyInstance,
  store: ContentStore,
  config: Config,
  assetDir: string = EXPLORER_ASSET_DIR,
): Promise<void> {
  const assets = loadAssets(assetDir);
  if (assets) {
    // served from memory rather than with @fastify/static: its ESM-only dependency (content-disposition 3)
    // cannot be loaded by jest on Node 20, which would take every server test down with it
    app.get<{ Params: { '*': string } }>(`${assets.base}/*`, async (request, reply) => {
      const asset = assets.files.get(request.params['*']);
      if (!asset) return reply.callNotFound();
      return sendAsset(request, reply, asset, config.production);
    });
  } else {
    app.log.warn(
      { assetDir },
      'the explorer is not built, so / and the other explorer pages answer 503: run `npm run build`',
    );
  }

  const shells = {
    page: assets ? renderShell(assets, 'page') : null,
    embed: assets ? renderShell(assets, 'embed') : null,
  };
  const headers = {
    page: pageHeaders('page', config.frameAncestors),
    embed: pageHeaders('embed', config.frameAncestors),
  };
  for (const [url, kind] of Object.entries(EXPLORER_PAGES)) {
    app.get(url, async (request, reply) => {
      const html = shells[kind];
      if (html === null) {
        return reply
          .code(503)
          .send(
            errorBody(
              'The explorer has not been built on this server; the GraphQL API at /graphql works without it.',
              'EXPLORER_NOT_BUILT',
              String(request.id),
            ),
          );
      }
      return reply.headers(headers[kind]).send(html);
    });
  }

  app.get<{ Params: { file: string } }>('/export/:file', async (request, reply) =>
    exportCsv(store, request, reply),
  );
}

function etagMatches(header: string | undefined, etag: string): boolean {
  return header !== undefined && header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: Asset,
  production: boolean,
): FastifyReply {
  // the prefix holds the content hash, so a file under it never changes; in development a running
  // server keeps its prefix while the files are rebuilt, so the browser must revalidate
  reply
    .header('cache-control', production ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('etag', asset.etag)
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff');
  if (etagMatches(request.headers['if-none-match'], asset.etag)) return reply.code(304).send();
  reply.header('content-type', asset.contentType);
  const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (asset.gzip && acceptsGzip) return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}

/** GET /export/<track>.csv: the track's competency matrix, computed from the content being served. */
function exportCsv(
  store: ContentStore,
  request: FastifyRequest<{ Params: { file: string } }>,
  reply: FastifyReply,
): FastifyReply {
  const framework = store.current;
  const id = /^(.+)\.csv$/.exec(request.params.file)?.[1];
  const track = id === undefined ? null : framework.track(id);
  if (!track) {
    const known = framework.tracks.map((t) => `/export/${t.id}.csv`).join(', ');
    return reply
      .code(404)
      .send(
        errorBody(
          `No track to export at ${request.url.split('?')[0]}; the exports are ${known}`,
          'NOT_FOUND',
          String(request.id),
        ),
      );
  }
  // the content version decides the file, so it is the validator
  const etag = `"csv-${framework.version}-${track.id}"`;
  reply
    .header('etag', etag)
    .header('cache-control', 'no-cache')
    .header('x-content-version', framework.version);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  // track ids are folder names the loader has checked; the filter keeps the header safe regardless
  const filename = `${track.id.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`;
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .send(matrixCsv(competencyMatrix(framework, track)));
}
