import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Framework } from '../../domain/framework';
import { RequestVersions } from '../../graphql/versions';
import { UUID } from '../case/identifiers';
import { caseTracks, casePackage, type CaseContext, type CasePackage } from '../case/package';
import '../decorators';
import type { ApiErrorCode } from '../error-codes';
import { sendViewFile } from '../view-file';

/** Where the CASE 1.1 REST binding is served, as the specification names its endpoints. */
export const CASE_BASE = '/ims/case/v1p1';

/** The binding's default page size for CFDocuments, and the most one page holds here. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** Origins remembered per view: the names the server is reached by. */
const MAX_BASES = 8;
const SORTABLE = new Set(['identifier', 'title', 'lastChangeDateTime']);

/** The binding's error payload (imsx_StatusInfo), with its minor code. */
function statusInfoBody(minor: string, description: string, field = 'sourcedId') {
  return {
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: description,
    imsx_codeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: field, imsx_codeMinorFieldValue: minor }],
    },
  };
}

function statusInfo(
  reply: FastifyReply,
  status: number,
  minor: string,
  description: string,
  field = 'sourcedId',
) {
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(statusInfoBody(minor, description, field));
}

/** The binding's minor codes for the server's own refusals (a bad token, a busy server, a bug). */
const MINOR_OF: Readonly<Partial<Record<ApiErrorCode, string>>> = {
  UNAUTHORIZED: 'unauthorisedrequest',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'unknownobject',
  AUTH_UNAVAILABLE: 'server_busy',
  REQUEST_TIMEOUT: 'server_busy',
};

/**
 * The packages of every track a view shows, made once per view (a reload makes a new framework) and
 * per served commit with its tags, which CFDocument.version states: a tag added to the served commit
 * changes no file, so no reload, but it changes the packages.
 */
const packages = new WeakMap<Framework, Map<string, Promise<Map<string, CasePackage>>>>();

/** What decides the packages of one view besides its content: the origin, the commit and its tags. */
async function stampOf(request: FastifyRequest, history: RequestVersions): Promise<string> {
  const served = await history.currentVersion();
  const base = `${request.protocol}://${request.host}${CASE_BASE}`;
  return [base, served?.id ?? '', ...(served?.tags ?? [])].join(' ');
}

async function packagesFor(
  request: FastifyRequest,
  history: RequestVersions,
): Promise<Map<string, CasePackage>> {
  const framework = request.framework;
  const stamp = await stampOf(request, history);
  let byStamp = packages.get(framework);
  if (!byStamp) packages.set(framework, (byStamp = new Map()));
  let made = byStamp.get(stamp);
  if (!made) {
    // the base comes from the Host header: remember a few, never one per value a client makes up
    if (byStamp.size >= MAX_BASES) byStamp.clear();
    made = context(request, history).then((ctx) => {
      const all = new Map<string, CasePackage>();
      for (const track of caseTracks(framework, ctx.drafts)) {
        const pkg = casePackage(framework, track, ctx);
        all.set(pkg.CFDocument.identifier as string, pkg);
      }
      return all;
    });
    byStamp.set(stamp, made);
  }
  return made;
}

async function context(request: FastifyRequest, history: RequestVersions): Promise<CaseContext> {
  const served = await history.currentVersion();
  return {
    base: `${request.protocol}://${request.host}${CASE_BASE}`,
    drafts: request.permission.drafts,
    changedAt: served?.committedAt ?? request.framework.loadedAt,
    version: served ? [served.shortId, ...served.tags].join(' ') : request.framework.version,
  };
}

type ListQuery = {
  limit?: unknown;
  offset?: unknown;
  sort?: unknown;
  orderBy?: unknown;
  filter?: unknown;
  fields?: unknown;
};

/**
 * The CASE 1.1 REST binding, read-only (1EdTech, January 2025): every published track as a
 * CFDocument, its package, and any of its items, with identifiers that never change for the same
 * entity. The caller's view applies as everywhere else: a track of drafts alone, and draft levels,
 * exist only for a token with the drafts permission.
 */
export const casePlugin: FastifyPluginAsync = async (app) => {
  // one per request, so the served version is looked up once for its packages and its validator
  const perRequest = new WeakMap<FastifyRequest, RequestVersions>();
  const versions = (request: FastifyRequest): RequestVersions => {
    let made = perRequest.get(request);
    if (!made) {
      made = new RequestVersions(app.history, request.framework, request.permission.drafts);
      perRequest.set(request, made);
    }
    return made;
  };
  // the view's version and permission decide every answer; the path says which one
  const send = async (request: FastifyRequest, reply: FastifyReply, body: unknown) =>
    sendViewFile(request, reply, {
      // the content, the origin in every uri, and the commit and tags in every version
      tag: `case-${request.framework.version}-${createHash('sha1')
        .update(await stampOf(request, versions(request)))
        .digest('base64url')}`,
      type: 'application/json; charset=utf-8',
      body: () => JSON.stringify(body),
    });

  // what the rest of the server refuses before a CASE route runs (a bad token from the auth hook, a
  // full server) is answered in the binding's shape too, with its own status
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || !payload.startsWith('{"errors"'))
      return payload;
    const error = (JSON.parse(payload) as { errors: { message: string; extensions?: { code?: string } }[] })
      .errors[0];
    const code = error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(
      statusInfoBody(
        MINOR_OF[code as ApiErrorCode] ?? 'internal_server_error',
        error?.message ?? '',
        'request',
      ),
    );
  });

  // a path under the base that names no endpoint of the binding
  // (not OPTIONS: a CORS preflight is answered by the CORS plugin)
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: `${CASE_BASE}/*`,
    handler: async (request, reply) =>
      statusInfo(
        reply,
        404,
        'unknownobject',
        `The CASE binding has no endpoint at ${request.method} ${request.url.split('?')[0]}.`,
        'path',
      ),
  });

  app.get(`${CASE_BASE}/CFDocuments`, async (request: FastifyRequest<{ Querystring: ListQuery }>, reply) => {
    const query = request.query;
    const limit = count(query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = count(query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    if (limit === null)
      return statusInfo(
        reply,
        400,
        'invalid_selection_field',
        `limit is a whole number from 1 to ${MAX_LIMIT}.`,
        'limit',
      );
    if (offset === null)
      return statusInfo(reply, 400, 'invalid_selection_field', 'offset is a whole number from 0.', 'offset');
    if (query.filter !== undefined)
      return statusInfo(
        reply,
        400,
        'invalid_filter_field',
        'filter is not supported here; page with limit and offset.',
        'filter',
      );
    const sort = query.sort ?? 'title';
    if (typeof sort !== 'string' || !SORTABLE.has(sort))
      return statusInfo(
        reply,
        400,
        'invalid_sort_field',
        `sort takes one of ${[...SORTABLE].join(', ')}.`,
        'sort',
      );
    const orderBy = query.orderBy ?? 'asc';
    if (orderBy !== 'asc' && orderBy !== 'desc')
      return statusInfo(reply, 400, 'invalid_sort_field', 'orderBy is asc or desc.', 'orderBy');
    const all = [...(await packagesFor(request, versions(request))).values()].map((p) => p.CFDocument);
    all.sort((a, b) => String(a[sort]).localeCompare(String(b[sort])) * (orderBy === 'asc' ? 1 : -1));
    reply.header('x-total-count', String(all.length));
    return send(request, reply, { CFDocuments: all.slice(offset, offset + limit) });
  });

  app.get(
    `${CASE_BASE}/CFDocuments/:sourcedId`,
    async (request: FastifyRequest<{ Params: { sourcedId: string } }>, reply) => {
      const found = await lookup(request, reply, versions(request), (pkgs, id) => pkgs.get(id)?.CFDocument);
      return found === null ? reply : send(request, reply, found);
    },
  );

  app.get(
    `${CASE_BASE}/CFPackages/:sourcedId`,
    async (request: FastifyRequest<{ Params: { sourcedId: string } }>, reply) => {
      const found = await lookup(request, reply, versions(request), (pkgs, id) => pkgs.get(id));
      return found === null ? reply : send(request, reply, found);
    },
  );

  app.get(
    `${CASE_BASE}/CFItems/:sourcedId`,
    async (request: FastifyRequest<{ Params: { sourcedId: string } }>, reply) => {
      const found = await lookup(request, reply, versions(request), (pkgs, id) => {
        for (const pkg of pkgs.values()) {
          const item = pkg.CFItems.find((i) => i.identifier === id);
          const doc = pkg.CFDocument;
          if (item)
            return { ...item, CFDocumentURI: { title: doc.title, identifier: doc.identifier, uri: doc.uri } };
        }
        return undefined;
      });
      return found === null ? reply : send(request, reply, found);
    },
  );

  /** The object a sourcedId names, or null once the binding's 404 (unknown or not a UUID) is sent. */
  async function lookup<T>(
    request: FastifyRequest<{ Params: { sourcedId: string } }>,
    reply: FastifyReply,
    history: RequestVersions,
    find: (pkgs: Map<string, CasePackage>, id: string) => T | undefined,
  ): Promise<T | null> {
    const id = request.params.sourcedId;
    if (!UUID.test(id)) {
      statusInfo(reply, 404, 'invalid_uuid', 'The sourcedId is not a UUID.');
      return null;
    }
    const found = find(await packagesFor(request, history), id);
    if (found === undefined) statusInfo(reply, 404, 'unknownobject', 'No object has that sourcedId here.');
    return found ?? null;
  }
};

/** A whole-number query parameter in [min, max], its default when absent, null when wrong. */
function count(value: unknown, fallback: number, min: number, max: number): number | null {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}
