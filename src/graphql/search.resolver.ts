import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Competency, Level } from '../domain/entities';
import { searchFor, type SearchHit } from '../domain/search';
import { SearchArgs } from './args/search.args';
import { CompetencyType } from './competency.type';
import type { GraphQLContext } from './context';
import { LevelType } from './level.type';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from './limits';
import { SearchHitType } from './search-hit.type';
import { upToLimit } from './cost/declare';

/**
 * What one full-text search costs beyond its answer, in fields: matching the words, expanding
 * prefixes and typos, scoring. `npm run bench:worst` measures it against answering fields, so that
 * thirty aliased searches are refused like any query that reads the content many times over.
 */
export const SEARCH_WORK = 1_000;

@Resolver(() => SearchHitType)
export class SearchResolver {
  @Query(() => [SearchHitType], {
    complexity: upToLimit(MAX_SEARCH_LIMIT, SEARCH_WORK),
    description: 'full-text search over titles, summaries, expectations and examples, best first',
  })
  search(
    @Ctx() ctx: GraphQLContext,
    @Args(() => SearchArgs) { query, track, limit }: SearchArgs,
  ): readonly SearchHit[] {
    return searchFor(ctx.framework).search(query, {
      track: track ?? null,
      limit: limit ?? DEFAULT_SEARCH_LIMIT,
    });
  }

  @FieldResolver(() => LevelType, { description: 'The level of the hit, or the level the item belongs to.' })
  level(@Root() hit: SearchHit, @Ctx() ctx: GraphQLContext): Level {
    return ctx.framework.level(hit.levelId)!;
  }

  @FieldResolver(() => CompetencyType, {
    nullable: true,
    description: 'The competency of a matched item; null for a level.',
  })
  competency(@Root() hit: SearchHit, @Ctx() ctx: GraphQLContext): Competency | null {
    return hit.competencyId === null ? null : ctx.framework.competency(hit.competencyId);
  }
}
