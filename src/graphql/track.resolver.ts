import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Level, Track } from '../domain/entities';
import { competencyMatrix, type CompetencyMatrix } from '../domain/matrix';
import { CodeArgs } from './args/code.args';
import { IdArgs } from './args/id.args';
import { IncludeDraftsArgs } from './args/include-drafts.args';
import type { GraphQLContext } from './context';
import { assertDraftsAllowed } from './permissions';
import { LevelType } from './level.type';
import { CompetencyMatrixType } from './matrix.type';
import { TrackType } from './track.type';
import { contentList } from './cost/declare';

@Resolver(() => TrackType)
export class TrackResolver {
  @Query(() => [TrackType], { complexity: contentList, description: 'Every track, ordered by id.' })
  tracks(@Ctx() ctx: GraphQLContext): readonly Track[] {
    return ctx.framework.tracks;
  }

  @Query(() => TrackType, { nullable: true, description: 'null when no track has that id' })
  track(@Ctx() ctx: GraphQLContext, @Args(() => IdArgs) { id }: IdArgs): Track | null {
    return ctx.framework.track(id);
  }

  @FieldResolver(() => [LevelType], { complexity: contentList, description: 'ordered by rank' })
  levels(
    @Root() track: Track,
    @Ctx() ctx: GraphQLContext,
    @Args(() => IncludeDraftsArgs) { includeDrafts }: IncludeDraftsArgs,
  ): readonly Level[] {
    assertDraftsAllowed(ctx, includeDrafts);
    return ctx.framework.visibleLevels(track, includeDrafts);
  }

  @FieldResolver(() => LevelType, {
    nullable: true,
    description: "The level with this code, e.g. 'L3'; null when none.",
  })
  level(@Root() track: Track, @Args(() => CodeArgs) { code }: CodeArgs): Level | null {
    const wanted = code.trim().toLowerCase();
    return track.levels.find((l) => l.code.toLowerCase() === wanted) ?? null;
  }

  @FieldResolver(() => CompetencyMatrixType, {
    description: 'competencies as rows, levels as columns: what a dashboard embeds',
  })
  competencyMatrix(
    @Root() track: Track,
    @Ctx() ctx: GraphQLContext,
    @Args(() => IncludeDraftsArgs) { includeDrafts }: IncludeDraftsArgs,
  ): CompetencyMatrix {
    assertDraftsAllowed(ctx, includeDrafts);
    return competencyMatrix(ctx.framework, track, includeDrafts);
  }
}
