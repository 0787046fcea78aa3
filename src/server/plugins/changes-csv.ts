import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { frameworkChanges, levelItemCount, type FrameworkChanges } from '../../domain/changes';
import type { Level } from '../../domain/entities';
import { csvDocument } from '../explorer/csv';
import { RequestVersions, VERSION_CONTENT_INVALID, type VersionAnswer } from '../../graphql/versions';
import { sendError } from '../error-codes';
import { sendViewFile } from '../view-file';
import '../decorators';

const HEADER = ['change', 'level', 'track', 'code', 'title', 'added', 'removed', 'changed', 'unchanged'];

/** The level's id without its version: dashboards group rows from many exports by it. */
function plainId(level: Level): string {
  return `${level.trackId}/${level.code}`;
}

/**
 * The changes as CSV, one row per level: added and removed levels count their items as added or
 * removed, a changed level carries its diff summary. Cells are quoted and neutralised as the matrix
 * export's are; CRLF between records and a byte order mark, for spreadsheets.
 */
export function changesCsv(changes: FrameworkChanges): string {
  const row = (change: string, level: Level, counts: readonly number[]) => [
    change,
    plainId(level),
    level.trackId,
    level.code,
    level.title,
    ...counts.map(String),
  ];
  const rows = [
    HEADER,
    ...changes.addedLevels.map((l) => row('added', l, [levelItemCount(l), 0, 0, 0])),
    ...changes.removedLevels.map((l) => row('removed', l, [0, levelItemCount(l), 0, 0])),
    ...changes.changedLevels.map((d) =>
      row('changed', d.to, [d.summary.added, d.summary.removed, d.summary.changed, d.summary.unchanged]),
    ),
  ];
  return csvDocument(rows);
}

type ChangesRequest = FastifyRequest<{ Querystring: { since?: string; until?: string } }>;

/**
 * GET /export/changes.csv?since=<ref>[&until=<ref>]: what `changes(since, until)` answers, for
 * dashboards. The caller's permission applies as in GraphQL: without drafts, versions on other
 * branches are unknown refs and draft levels are not there.
 */
export const changesCsvPlugin: FastifyPluginAsync = async (app) => {
  app.get('/export/changes.csv', async (request: ChangesRequest, reply) => {
    const { since, until } = request.query;
    if (typeof since !== 'string' || since === '' || (until !== undefined && typeof until !== 'string'))
      return sendError(
        reply,
        'BAD_USER_INPUT',
        'Give the earlier version as ?since=<tag, branch or commit>.',
      );
    const { drafts } = request.permission;
    const current = request.framework;
    const versions = new RequestVersions(app.history, current, drafts);
    const named = async (name: string, ref: string): Promise<VersionAnswer | null> => {
      const version = await versions.resolve(ref);
      if (!version) sendError(reply, 'BAD_USER_INPUT', `${name}=${ref} names no version of the content.`);
      return version && { ...version, requested: ref };
    };
    const earlier = await named('since', since);
    if (!earlier) return reply;
    const later = until === undefined || until === '' ? null : await named('until', until);
    if (until && !later) return reply;
    try {
      const changes = frameworkChanges(
        await versions.frameworkAt(earlier),
        later ? await versions.frameworkAt(later) : current,
      );
      const untilId = later?.id ?? current.version;
      // the two versions and the permission decide the file, so they are the validator
      return await sendViewFile(request, reply, {
        tag: `changes-${earlier.id}-${untilId}`,
        type: 'text/csv; charset=utf-8',
        filename: 'changes.csv',
        body: () => changesCsv(changes),
      });
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code !== VERSION_CONTENT_INVALID) throw error;
      return sendError(reply, VERSION_CONTENT_INVALID, error.message);
    }
  });
};
