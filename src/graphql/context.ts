import type { Framework } from '../domain/framework';
import { RequestVersions } from './versions';

/** What every resolver sees: the one Framework snapshot this request answers from. */
export interface GraphQLContext {
  /** Taken once per request, so no answer ever mixes two content versions; drafts left out unless allowed. */
  readonly framework: Framework;
  /** The content's versions as this request may see them; absent where there is no history (tests, tools). */
  readonly versions?: RequestVersions;
  /**
   * Whether the caller holds the drafts permission. The server always says; a context made in-process
   * without it (tests, tools) is trusted with what its framework holds.
   */
  readonly drafts?: boolean;
}

const standIns = new WeakMap<object, RequestVersions>();

/**
 * The request's versions. A context made outside the server (tests, tools) has none: no history,
 * and its framework is taken as what the caller may see.
 */
export function versionsOf(ctx: GraphQLContext): RequestVersions {
  if (ctx.versions) return ctx.versions;
  let versions = standIns.get(ctx);
  if (!versions) {
    versions = new RequestVersions(null, ctx.framework, ctx.drafts ?? true);
    standIns.set(ctx, versions);
  }
  return versions;
}
