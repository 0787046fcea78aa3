import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { RequestVersions } from '../../graphql/versions';
import { sendError } from '../error-codes';
import { atomFeed } from '../feed/atom';
import { feedSteps } from '../feed/steps';
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
      // the newest version the caller may see decides every entry, so it (with the view) is the validator
      tag: `feed-${lineage[0]?.id ?? 'none'}-${named?.id ?? ''}`,
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
