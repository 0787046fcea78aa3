import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { stepChecklist, type StepChecklist } from '../domain/checklist';
import type { Framework } from '../domain/framework';
import { StepArgs } from './args/step.args';
import { StepChecklistType } from './checklist.type';
import type { GraphQLContext } from './context';
import { levelOrThrow } from './diff.resolver';

@Resolver(() => StepChecklistType)
export class ChecklistResolver {
  @Query(() => StepChecklistType, {
    description:
      "what it takes to go from one level to another, as a checklist: the 'to' level's new and grown expectations against what the 'from' level expects (the reader's diff); unknown ids are a BAD_USER_INPUT error",
  })
  async stepChecklist(
    @Ctx() ctx: GraphQLContext,
    @Args(() => StepArgs) { from, to }: StepArgs,
  ): Promise<StepChecklist & { framework: Framework }> {
    const [a, b] = await Promise.all([levelOrThrow(ctx, 'from', from), levelOrThrow(ctx, 'to', to)]);
    return { ...stepChecklist(a, b), framework: b.framework };
  }
}
