import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Competency, Item, Level } from '../domain/entities';
import { IdArgs } from './args';
import { CompetencyType } from './competency.type';
import type { GraphQLContext } from './context';
import { ExampleType, ExpectationType } from './item.type';
import { LevelType } from './level.type';

// The domain guarantees every back-reference resolves, so the non-null assertions below cannot fail.

@Resolver(() => CompetencyType)
export class CompetencyResolver {
  @Query(() => CompetencyType, {
    nullable: true,
    description: "A competency by id, e.g. 'site-reliability-engineer/L3/domain-expertise'.",
  })
  competency(@Ctx() ctx: GraphQLContext, @Args(() => IdArgs) { id }: IdArgs): Competency | null {
    return ctx.framework.competency(id);
  }

  @FieldResolver(() => LevelType, { description: 'The level the competency belongs to.' })
  level(@Root() competency: Competency, @Ctx() ctx: GraphQLContext): Level {
    return ctx.framework.level(competency.levelId)!;
  }
}

@Resolver(() => ExpectationType)
export class ExpectationResolver {
  @Query(() => ExpectationType, {
    nullable: true,
    description: 'An expectation by id; null when none has it.',
  })
  expectation(@Ctx() ctx: GraphQLContext, @Args(() => IdArgs) { id }: IdArgs): Item | null {
    const item = ctx.framework.item(id);
    return item?.kind === 'expectation' ? item : null;
  }

  @FieldResolver(() => CompetencyType, { description: 'The competency the expectation belongs to.' })
  competency(@Root() item: Item, @Ctx() ctx: GraphQLContext): Competency {
    return ctx.framework.competency(item.competencyId)!;
  }

  @FieldResolver(() => LevelType, { description: 'The level the expectation belongs to.' })
  level(@Root() item: Item, @Ctx() ctx: GraphQLContext): Level {
    return ctx.framework.level(item.levelId)!;
  }
}

@Resolver(() => ExampleType)
export class ExampleResolver {
  @Query(() => ExampleType, { nullable: true, description: 'An example by id; null when none has it.' })
  example(@Ctx() ctx: GraphQLContext, @Args(() => IdArgs) { id }: IdArgs): Item | null {
    const item = ctx.framework.item(id);
    return item?.kind === 'example' ? item : null;
  }

  @FieldResolver(() => CompetencyType, { description: 'The competency the example belongs to.' })
  competency(@Root() item: Item, @Ctx() ctx: GraphQLContext): Competency {
    return ctx.framework.competency(item.competencyId)!;
  }

  @FieldResolver(() => LevelType, { description: 'The level the example belongs to.' })
  level(@Root() item: Item, @Ctx() ctx: GraphQLContext): Level {
    return ctx.framework.level(item.levelId)!;
  }
}
