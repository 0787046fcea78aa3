import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { attributeDefinitions } from '../domain/attribute-definitions';
import type { Track } from '../domain/entities';
import type { Framework } from '../domain/framework';
import { TrackFilterArgs } from './args/track-filter.args';
import { AttributeDefinitionType } from './attribute.type';
import type { GraphQLContext } from './context';
import { FrameworkType } from './framework.type';
import { TrackType } from './track.type';
import { FrameworkVersionType } from './version.type';
import { type VersionAnswer } from './versions';
import { versionsOf } from './context';
import { contentList } from './cost/declare';

@Resolver(() => FrameworkType)
export class FrameworkResolver {
  @Query(() => FrameworkType, { description: 'The loaded content as a whole: its version and every track.' })
  framework(@Ctx() ctx: GraphQLContext): Framework {
    return ctx.framework;
  }

  @FieldResolver(() => [TrackType], { complexity: contentList, description: 'Every track, ordered by id.' })
  tracks(@Root() framework: Framework): readonly Track[] {
    return framework.tracks;
  }

  @FieldResolver(() => FrameworkVersionType, {
    nullable: true,
    description:
      'the commit being served; null when the content folder is not in a git repository or differs from its last commit',
  })
  async commit(@Root() framework: Framework, @Ctx() ctx: GraphQLContext): Promise<VersionAnswer | null> {
    const version = await versionsOf(ctx).versionOf(framework);
    return version && framework.ref !== null ? { ...version, requested: framework.ref } : version;
  }

  @Query(() => [AttributeDefinitionType], {
    complexity: contentList,
    description: 'every attribute key seen in the content, with its distinct values in rank order',
  })
  attributeDefinitions(
    @Ctx() ctx: GraphQLContext,
    @Args(() => TrackFilterArgs) { track }: TrackFilterArgs,
  ): AttributeDefinitionType[] {
    return attributeDefinitions(ctx.framework, track ?? null);
  }
}
