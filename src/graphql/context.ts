import type { Framework } from '../domain/framework';

/** What every resolver sees: the one Framework snapshot this request answers from. */
export interface GraphQLContext {
  /** Taken once per request, so no answer ever mixes two content versions. */
  readonly framework: Framework;
}
