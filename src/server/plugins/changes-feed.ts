import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { RequestVersions } from '../../graphql/versions';
import { sendError } from '../error-codes';
import { atomFeed } from '../feed/atom';
import { FEED_SCAN, feedSteps } from '../feed/steps';
import '../decorators';
import { sendViewFile } from '../view-file';

type FeedRequest = FastifyRequest<{ Querystring: { track?: unknown } }>;

/**
 * GET /changes.atom[?track=<id>]: one Atom entry per published version the caller may see, newest
 * first, with what it changed since the version before it. Everything in it comes from the content's
 * git history and the caller's permission, so every replica answers the same feed and a reader needs
 * no subscription state on the server.
 */
export const changesFeedPlugin: FastifyPluginAsync = async (app) => {
  app.get('/changes.atom', async (request: FeedRequest, reply) => {
    const { track } = request.query;
    if (track !== undefined && (typeof track !== 'string' || track === ''))
      return sendError(
        reply,
        'BAD_USER_INPUT',
        'Give one track as ?track=<track id>, or none for every track.',
      );
    const framework = request.framework;
    const named = typeof track === 'string' ? framework.track(track) : null;
    if (typeof track === 'string' && !named) {
      const known = framework.tracks.map((t) => t.id).join(', ');
      return sendError(reply, 'NOT_FOUND', `No track "${track}" to follow; the tracks are ${known}.`);
    }
    const versions = new RequestVersions(app.history, framework, request.permission.drafts);
    const lineage = await versions.lineage();
    const self = named ? `/changes.atom?track=${encodeURIComponent(named.id)}` : '/changes.atom';
    return sendViewFile(request, reply, {
      // the versions the entries are read from, with their tags (a tag can be added to a published
      // commit later), decide every entry, so they (with the view) are the validator
      tag: `feed-${named?.id ?? ''}-${createHash('sha1')
        .update(
          lineage
            .slice(0, FEED_SCAN + 1)
            .map((v) => [v.id, ...v.tags].join(' '))
            .join('\n'),
        )
        .digest('base64url')}`,
      type: 'application/atom+xml; charset=utf-8',
      body: async () =>
        atomFeed(await feedSteps(versions, named?.id ?? null), {
          origin: `${request.protocol}://${request.host}`,
          self,
          title: named ? `${named.name}: career framework changes` : 'Career framework changes',
          fallbackUpdated: framework.loadedAt,
        }),
    });
  });
};
