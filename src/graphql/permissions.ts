import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context';

/**
 * Asking for drafts explicitly without the drafts permission is refused, rather than answered as if
 * there were none: the caller asked for something, and should learn it needs a token for it.
 */
export function assertDraftsAllowed(ctx: GraphQLContext, includeDrafts: boolean | null | undefined): void {
  if (!includeDrafts || ctx.drafts !== false) return;
  throw new GraphQLError(
    'includeDrafts: true needs the drafts permission; send a bearer token that grants it.',
    {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    },
  );
}
