import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { attributeValue, type Competency, type Level, type Track } from '../domain/entities';
import { filterLevels } from '../domain/filter';
import { IdArgs, KeyArgs, LevelsArgs, SlugArgs } from './args';
import type { GraphQLContext } from './context';
import { CompetencyType } from './competency.type';
import { LevelType } from './level.type';
import { TrackType } from './track.type';

@Resolver(() => LevelType)
export class LevelResolver {
  @Query(() => LevelType, { nullable: true, description: 'null when no level has that id' })
  level(@Ctx() ctx: GraphQLContext, @Args(() => IdArgs) { id }: IdArgs): Level | null {
    return ctx.framework.level(id);
  }

  @Query(() => [LevelType], {
    description: 'all matching levels, ordered by track then rank; drafts only with includeDrafts',
  })
  levels(@Ctx() ctx: GraphQLContext, @Args(() => LevelsArgs) { filter }: LevelsArgs): Level[] {
    return filterLevels(ctx.framework, filter ?? {});
  }

  @FieldResolver(() => TrackType, { description: 'The track the level belongs to.' })
  track(@Root() level: Level, @Ctx() ctx: GraphQLContext): Track {
    return ctx.framework.track(level.trackId)!;
  }

  @FieldResolver(() => String, { nullable: true, description: "The 'Planning horizon' attribute." })
  planningHorizon(@Root() level: Level): string | null {
    return attributeValue(level, 'planningHorizon');
  }

  @FieldResolver(() => String, { nullable: true, description: "The 'Impact radius' attribute." })
  impactRadius(@Root() level: Level): string | null {
    return attributeValue(level, 'impactRadius');
  }

  @FieldResolver(() => String, { nullable: true, description: "The 'Evaluation' attribute." })
  evaluation(@Root() level: Level): string | null {
    return attributeValue(level, 'evaluation');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The 'Responsibility and direction needed' attribute.",
  })
  responsibilityAndDirectionNeeded(@Root() level: Level): string | null {
    return attributeValue(level, 'responsibilityAndDirectionNeeded');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Any attribute by camelCase key; null when the level lacks it.',
  })
  attribute(@Root() level: Level, @Args(() => KeyArgs) { key }: KeyArgs): string | null {
    return attributeValue(level, key.trim());
  }

  @FieldResolver(() => CompetencyType, {
    nullable: true,
    description: "The competency with this slug, e.g. 'domain-expertise'.",
  })
  competency(@Root() level: Level, @Args(() => SlugArgs) { slug }: SlugArgs): Competency | null {
    const wanted = slug.trim().toLowerCase();
    return level.competencies.find((c) => c.slug === wanted) ?? null;
  }

  @FieldResolver(() => LevelType, { nullable: true, description: 'the neighbours on the same track' })
  previous(@Root() level: Level, @Ctx() ctx: GraphQLContext): Level | null {
    return ctx.framework.previous(level);
  }

  @FieldResolver(() => LevelType, { nullable: true, description: 'the neighbours on the same track' })
  next(@Root() level: Level, @Ctx() ctx: GraphQLContext): Level | null {
    return ctx.framework.next(level);
  }
}
