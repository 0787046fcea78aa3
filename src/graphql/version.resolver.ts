import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { frameworkChanges, type FrameworkChanges } from '../domain/changes';
import type { Framework } from '../domain/framework';
import type { FrameworkVersion } from '../domain/versions';
import { ChangesArgs } from './args/changes.args';
import { RefArgs } from './args/ref.args';
import { VersionsArgs } from './args/versions.args';
import type { GraphQLContext } from './context';
import { FrameworkType } from './framework.type';
import { badUserInput } from './validate-args';
import { FrameworkChangesType, FrameworkVersionType } from './version.type';
import { type VersionAnswer } from './versions';
import { versionsOf } from './context';
import { upToLimit } from './cost/declare';
import { MAX_VERSIONS_LIMIT } from './limits';

/** The answer to `changes`: both versions and what changed between them. */
type ChangesAnswer = FrameworkChanges & { since: VersionAnswer; until: VersionAnswer | null };

@Resolver(() => FrameworkVersionType)
export class VersionResolver {
  @Query(() => [FrameworkVersionType], {
    complexity: upToLimit(MAX_VERSIONS_LIMIT),
    description:
      'versions of the content, newest first; empty when the content folder is not in a git repository',
  })
  versions(
    @Ctx() ctx: GraphQLContext,
    @Args(() => VersionsArgs) { limit }: VersionsArgs,
  ): Promise<readonly FrameworkVersion[]> {
    return versionsOf(ctx).list(limit);
  }

  @Query(() => FrameworkVersionType, {
    nullable: true,
    description: 'a tag, branch, or full or short commit hash; null when unknown',
  })
  async version(
    @Ctx() ctx: GraphQLContext,
    @Args(() => RefArgs) { ref }: RefArgs,
  ): Promise<VersionAnswer | null> {
    const version = await versionsOf(ctx).resolve(ref);
    return version && { ...version, requested: ref };
  }

  @Query(() => FrameworkChangesType, {
    description:
      'what changed in the whole framework between two versions; until defaults to the content being served; an unknown ref is a BAD_USER_INPUT error',
  })
  async changes(
    @Ctx() ctx: GraphQLContext,
    @Args(() => ChangesArgs) { since, until }: ChangesArgs,
  ): Promise<ChangesAnswer> {
    const versions = versionsOf(ctx);
    const named = async (argument: 'since' | 'until', ref: string): Promise<VersionAnswer> => {
      const version = await versions.resolve(ref);
      if (!version) throw badUserInput(`Argument "${argument}": no version "${ref}"`, { argument });
      return { ...version, requested: ref };
    };
    const earlier = await named('since', since);
    const later = until == null ? null : await named('until', until);
    const changes = frameworkChanges(
      await versions.frameworkAt(earlier),
      later ? await versions.frameworkAt(later) : versions.current,
    );
    return { ...changes, since: earlier, until: later ?? (await versions.currentVersion()) };
  }

  @FieldResolver(() => FrameworkType, { description: 'the framework as it was at this version' })
  framework(@Root() version: VersionAnswer, @Ctx() ctx: GraphQLContext): Promise<Framework> {
    return versionsOf(ctx).frameworkAt(version);
  }
}
