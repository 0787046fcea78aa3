import { Args, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { attributeDefinitions } from '../domain/attribute-definitions';
import type { Track } from '../domain/entities';
import type { Framework } from '../domain/framework';
import { TrackFilterArgs } from './args';
import { AttributeDefinitionType } from './attribute.type';
import type { GraphQLContext } from './context';
import { FrameworkType } from './framework.type';
import { TrackType } from './track.type';

@Resolver(() => FrameworkType)
export class FrameworkResolver {
  @Query(() => FrameworkType, { description: 'The loaded content as a whole: its version and every track.' })
  framework(@Ctx() ctx: GraphQLContext): Framework {
    return ctx.framework;
  }

  @FieldResolver(() => [TrackType], { description: 'Every track, ordered by id.' })
  tracks(@Ctx() ctx: GraphQLContext): readonly Track[] {
    return ctx.framework.tracks;
  }

  @Query(() => [AttributeDefinitionType], {
    description: 'every attribute key seen in the content, with its distinct values in rank order',
  })
  attributeDefinitions(
    @Ctx() ctx: GraphQLContext,
    @Args(() => TrackFilterArgs) { track }: TrackFilterArgs,
  ): AttributeDefinitionType[] {
    return attributeDefinitions(ctx.framework, track ?? null);
  }
}
