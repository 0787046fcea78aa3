import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches } from '../etag';
import type { Asset } from './assets';

/**
 * Answers one built file held in memory. Its URL prefix holds the content hash, so a file under it
 * never changes; in development a running server keeps its prefix while the files are rebuilt, so
 * the browser must revalidate.
 */
export function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: Asset,
  production: boolean,
): FastifyReply {
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
