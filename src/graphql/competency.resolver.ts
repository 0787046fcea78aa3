import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Competency, Item, Level } from '../domain/entities';
import { IdArgs } from './args/id.args';
import { CompetencyType } from './competency.type';
import type { GraphQLContext } from './context';
import { ExampleType, ExpectationType } from './item.type';
import { LevelType } from './level.type';
import { versionsOf } from './context';

// The domain guarantees every back-reference resolves, so the non-null assertions below cannot fail.

@Resolver(() => CompetencyType)
export class CompetencyResolver {
  @Query(() => CompetencyType, {
    nullable: true,
    description: "A competency by id, e.g. 'site-reliability-engineer/L3/domain-expertise'.",
  })
  async competency(
    @Ctx() ctx: GraphQLContext,
    @Args(() => IdArgs) { id }: IdArgs,
  ): Promise<Competency | null> {
    const found = await versionsOf(ctx).lookup(id, 3);
    return found && found.framework.competency(found.id);
  }

  @FieldResolver(() => LevelType, { description: 'The level the competency belongs to.' })
  level(@Root() competency: Competency, @Ctx() ctx: GraphQLContext): Level {
    return versionsOf(ctx).frameworkOf(competency.id).level(competency.levelId)!;
  }
}

/** Expectations and examples answer the same questions; one class per GraphQL type. */
function itemResolver(kind: Item['kind'], type: typeof ExpectationType | typeof ExampleType) {
  @Resolver(() => type)
  class ItemResolver {
    @Query(() => type, {
      name: kind,
      nullable: true,
      description: `An ${kind} by id; null when none has it.`,
    })
    async item(@Ctx() ctx: GraphQLContext, @Args(() => IdArgs) { id }: IdArgs): Promise<Item | null> {
      const found = await versionsOf(ctx).lookup(id, 4);
      const item = found && found.framework.item(found.id);
      return item?.kind === kind ? item : null;
    }

    @FieldResolver(() => CompetencyType, { description: `The competency the ${kind} belongs to.` })
    competency(@Root() item: Item, @Ctx() ctx: GraphQLContext): Competency {
      return versionsOf(ctx).frameworkOf(item.id).competency(item.competencyId)!;
    }

    @FieldResolver(() => LevelType, { description: `The level the ${kind} belongs to.` })
    level(@Root() item: Item, @Ctx() ctx: GraphQLContext): Level {
      return versionsOf(ctx).frameworkOf(item.id).level(item.levelId)!;
    }
  }
  return ItemResolver;
}

export const ExpectationResolver = itemResolver('expectation', ExpectationType);
export const ExampleResolver = itemResolver('example', ExampleType);
