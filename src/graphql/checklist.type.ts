import { Field, ObjectType } from 'type-graphql';
import type { ChecklistItem, StepChecklist } from '../domain/checklist';
import type { Competency, Item, Level } from '../domain/entities';
import type { Framework } from '../domain/framework';
import { CompetencyType } from './competency.type';
import { contentList } from './cost/declare';
import { TextSegmentType } from './diff.type';
import { ChangeStatus } from './enums';
import { FrameworkType } from './framework.type';
import { ExpectationType } from './item.type';
import { LevelType } from './level.type';

@ObjectType('ChecklistItem', { simpleResolvers: true, description: 'one expectation to show evidence for' })
export class ChecklistItemType implements Partial<Omit<ChecklistItem, 'status'>> {
  @Field(() => ChangeStatus, {
    description: "ADDED: new at the 'to' level; CHANGED: grown from what the 'from' level expects",
  })
  status!: ChangeStatus;

  @Field(() => CompetencyType, { description: 'the competency it is written under' })
  competency!: Competency;

  @Field(() => ExpectationType, { description: "the expectation, as the 'to' level expects it" })
  expectation!: Item;

  @Field(() => String, {
    nullable: true,
    description: "the form it grew from, as the 'from' level expects it; null when new",
  })
  grownFrom!: string | null;

  @Field(() => [TextSegmentType], {
    complexity: contentList,
    description: 'the word diff from grownFrom to the expectation; empty when new',
  })
  segments!: readonly TextSegmentType[];
}

@ObjectType('StepChecklist', {
  simpleResolvers: true,
  description:
    "a step from one level to another as a checklist: the 'to' level's new and grown expectations, with room for evidence",
})
export class StepChecklistType implements Partial<StepChecklist> {
  @Field(() => LevelType, { description: 'the level the step starts from' })
  from!: Level;

  @Field(() => LevelType, { description: 'the level the step reaches' })
  to!: Level;

  @Field(() => FrameworkType, {
    description:
      "the framework the checklist was made from (the 'to' level's): its content hash in version, and commit with tags when served from git",
  })
  framework!: Framework;

  @Field(() => [ChecklistItemType], {
    complexity: contentList,
    description: "the 'to' level's new and grown expectations, in the order of the reader's diff",
  })
  items!: readonly ChecklistItem[];
}
