import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches } from './etag';
import './caller-view';
import './plugins/auth';

/** A file made from the caller's view of the content (an export, the feed, a CASE document). */
export interface ViewFile {
  /** What decides the bytes besides the caller's permission: the view's version, the file's parameters. */
  readonly tag: string;
  readonly type: string;
  /** Offered as a download under this name; shown inline when absent. */
  readonly filename?: string;
  /** Made only when the client's copy is stale. */
  readonly body: () => string | Promise<string>;
}

/**
 * Sends a file made from what this caller may see, revalidated by ETag. The permission is part of
 * the validator and Vary names Authorization, so a cache never gives one caller's copy to another;
 * an authenticated caller's copy is private.
 */
export async function sendViewFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: ViewFile,
): Promise<FastifyReply> {
  const { drafts, authenticated } = request.permission;
  const etag = `"${file.tag}-${drafts ? 'd' : 'p'}"`;
  reply
    .header('etag', etag)
    .header('vary', 'authorization')
    .header('cache-control', authenticated ? 'private, no-cache' : 'no-cache')
    // the content version of the caller's view, as /graphql answers carry it
    .header('x-content-version', request.framework.version);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const body = await file.body();
  reply.header('content-type', file.type).header('x-content-type-options', 'nosniff');
  // file names here are made of ids the loader checked; the filter keeps the header safe regardless
  if (file.filename !== undefined)
    reply.header(
      'content-disposition',
      `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    );
  return reply.send(body);
}
