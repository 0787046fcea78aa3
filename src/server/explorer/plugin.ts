import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sendAsset } from './send-asset';
import type { Track } from '../../domain/entities';
import type { Framework } from '../../domain/framework';
import { competencyMatrix } from '../../domain/matrix';
// for their augmentations: the shared services (app.config), the caller's view and permission
import '../caller-view';
import '../decorators';
import '../plugins/auth';
import { sendError } from '../error-codes';
import { loadAssets } from './assets';
import { itemRowsCsv, matrixCsv } from './csv';
import { cultureAmpCsv, fifteenFiveCsv, HR_PROFILES, isHrProfile, type HrProfile } from './hr-profiles';
import { pageHeaders } from './headers';
import { renderShell, type ShellKind } from './pages';
import { sendViewFile } from '../view-file';

/**
 * Where `node scripts/build-explorer.js` writes the browser code. This file is three levels below the
 * repository both as src/server/explorer/*.ts (tsx, ts-jest) and as dist/server/explorer/*.js, so one
 * path serves both (`..` alone would find the unbuilt src/explorer/public when run from src).
 */
export const EXPLORER_ASSET_DIR = path.resolve(__dirname, '..', '..', '..', 'dist', 'explorer', 'public');

/** The explorer's URLs; each answers the same shell and the bundle renders the page from the URL. */
export const EXPLORER_PAGES: Readonly<Record<string, ShellKind>> = {
  '/': 'page',
  '/level': 'page',
  '/diff': 'page',
  '/search': 'page',
  '/matrix': 'page',
  '/changes': 'page',
  '/checklist': 'page',
  '/embed/matrix': 'embed',
  '/embed/level': 'embed',
  '/embed/diff': 'embed',
};

/** Options of {@link explorerPlugin}. */
export interface ExplorerOptions {
  /** The built browser code; {@link EXPLORER_ASSET_DIR} unless a test points elsewhere. */
  assetDir?: string;
}

/**
 * The framework explorer, embeds and CSV export (issue 6), served by the API's own server. Reads the
 * `config` decorator, and the caller's framework and permission from the request (caller-view.ts,
 * the auth plugin), which must be registered before it.
 */
export const explorerPlugin: FastifyPluginAsync<ExplorerOptions> = async (app, options) => {
  const assetDir = options.assetDir ?? EXPLORER_ASSET_DIR;
  const { config } = app;
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
    embed: assets ? renderShell(assets, 'embed', { frameAncestors: config.frameAncestors }) : null,
  };
  const headers = {
    page: pageHeaders('page', config.frameAncestors),
    embed: pageHeaders('embed', config.frameAncestors),
  };
  for (const [url, kind] of Object.entries(EXPLORER_PAGES)) {
    app.get(url, async (_request, reply) => {
      const html = shells[kind];
      if (html === null) {
        return sendError(
          reply,
          'EXPLORER_NOT_BUILT',
          'The explorer has not been built on this server; the GraphQL API at /graphql works without it.',
        );
      }
      return reply.headers(headers[kind]).send(html);
    });
  }

  app.get<ExportRoute>('/export/:file', async (request, reply) => exportCsv(request, reply));
};

/**
 * GET /export/<track>.csv: the track's competency matrix; with `?rows=items` a row per expectation
 * and example with its level's attributes (csv.ts); with `?profile=` an HR tool's import layout
 * (hr-profiles.ts). Computed from what the caller may see (draft levels only with the drafts
 * permission).
 */
type ExportRoute = { Params: { file: string }; Querystring: { profile?: unknown; rows?: unknown } };

async function exportCsv(request: FastifyRequest<ExportRoute>, reply: FastifyReply): Promise<FastifyReply> {
  const framework = request.framework;
  const { drafts } = request.permission;
  const id = /^(.+)\.csv$/.exec(request.params.file)?.[1];
  const track = id === undefined ? null : framework.track(id);
  if (!track) {
    const known = framework.tracks.map((t) => `/export/${t.id}.csv`).join(', ');
    return sendError(
      reply,
      'NOT_FOUND',
      `No track to export at ${request.url.split('?')[0]}; the exports are ${known}`,
    );
  }
  const { profile, rows } = request.query;
  if (profile !== undefined && (typeof profile !== 'string' || !isHrProfile(profile)))
    return sendError(
      reply,
      'BAD_USER_INPUT',
      `profile takes ${HR_PROFILES.join(' or ')} (HR tools' import layouts); leave it out for the competency matrix`,
    );
  if (rows !== undefined && (rows !== 'items' || profile !== undefined))
    return sendError(
      reply,
      'BAD_USER_INPUT',
      'rows takes items (a row per expectation and example), without profile; leave it out for the competency matrix',
    );
  const layout = profile ?? (rows === 'items' ? 'items' : 'matrix');
  return sendViewFile(request, reply, {
    // the view's version, whether drafts are in it and the layout decide the file
    tag: `csv-${framework.version}-${track.id}-${layout}`,
    type: 'text/csv; charset=utf-8',
    filename: `${track.id}${layout === 'matrix' ? '' : `-${layout}`}.csv`,
    body: () => CSV_LAYOUTS[layout](framework, track, drafts),
  });
}

/** Every layout /export/<track>.csv writes, by the name its ETag and file name carry. */
const CSV_LAYOUTS: Readonly<
  Record<'matrix' | 'items' | HrProfile, (framework: Framework, track: Track, drafts: boolean) => string>
> = {
  matrix: (framework, track, drafts) => matrixCsv(competencyMatrix(framework, track, drafts)),
  items: (framework, track, drafts) => itemRowsCsv(framework.visibleLevels(track, drafts)),
  cultureamp: cultureAmpCsv,
  '15five': fifteenFiveCsv,
};
