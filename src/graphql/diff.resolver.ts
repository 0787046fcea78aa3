import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { diffLevels } from '../domain/diff/levels';
import { readersDiff, type LevelIn } from '../domain/diff/reader';
import type { LevelDiff } from '../domain/diff/types';
import { DiffArgs } from './args/diff.args';
import { DiffBasis } from './enums';
import type { GraphQLContext } from './context';
import { LevelDiffType } from './diff.type';
import { badUserInput } from './validate-args';
import { versionsOf } from './context';

/** The level an argument names, at the version its `@ref` names (the content being served without one). */
export async function levelOrThrow(
  ctx: GraphQLContext,
  argument: 'from' | 'to',
  id: string,
): Promise<LevelIn> {
  const found = await versionsOf(ctx).level(id);
  if (!('problem' in found)) return found;
  const { problem, suggestions } = found;
  throw badUserInput(
    `Argument "${argument}": ${problem}`,
    suggestions ? { argument, suggestions } : { argument },
  );
}

@Resolver(() => LevelDiffType)
export class DiffResolver {
  @Query(() => LevelDiffType, {
    description:
      "what changes from one level to another, on the same track or across tracks, and across versions ('track/L3@v2026.1'); unknown ids are a BAD_USER_INPUT error",
  })
  async diffLevels(
    @Ctx() ctx: GraphQLContext,
    @Args(() => DiffArgs) { from, to, basis }: DiffArgs,
  ): Promise<LevelDiff> {
    const [a, b] = await Promise.all([levelOrThrow(ctx, 'from', from), levelOrThrow(ctx, 'to', to)]);
    if (basis === DiffBasis.WRITTEN) return diffLevels(a.level, b.level);
    return readersDiff(a, b);
  }
}
