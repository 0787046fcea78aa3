import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { diffLevels } from '../domain/diff/levels';
import type { LevelDiff } from '../domain/diff/types';
import type { Level } from '../domain/entities';
import type { Framework } from '../domain/framework';
import { unknownLevel } from '../domain/suggest';
import { DiffArgs } from './args';
import type { GraphQLContext } from './context';
import { LevelDiffType } from './diff.type';
import { badUserInput } from './validate-args';

function levelOrThrow(framework: Framework, argument: 'from' | 'to', id: string): Level {
  const level = framework.level(id);
  if (level) return level;
  const { message, suggestions } = unknownLevel(framework, id);
  throw badUserInput(`Argument "${argument}": ${message}`, { argument, suggestions });
}

@Resolver(() => LevelDiffType)
export class DiffResolver {
  @Query(() => LevelDiffType, {
    description:
      'what changes from one level to another, on the same track or across tracks; unknown ids are a BAD_USER_INPUT error',
  })
  diffLevels(@Ctx() ctx: GraphQLContext, @Args(() => DiffArgs) { from, to }: DiffArgs): LevelDiff {
    return diffLevels(levelOrThrow(ctx.framework, 'from', from), levelOrThrow(ctx.framework, 'to', to));
  }
}
