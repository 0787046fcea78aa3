import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Level } from '../domain/entities';
import { ChangeStatus, SegmentKind } from './enums';
import { LevelType } from './level.type';
import { contentList } from './cost/declare';

@ObjectType('TextSegment', {
  simpleResolvers: true,
  description: 'A run of words in a word-level diff, with white space kept.',
})
export class TextSegmentType {
  @Field(() => SegmentKind, {
    description: 'Whether the run is in both texts, only the new one or only the old one.',
  })
  kind!: SegmentKind;

  @Field(() => String, { description: 'The words, including the white space between them.' })
  text!: string;
}

@ObjectType('TextChange', {
  simpleResolvers: true,
  description:
    "ADDED: only in 'to'; REMOVED: only in 'from'; CHANGED: a reworded item matched across the two; UNCHANGED: identical",
})
export class TextChangeType {
  @Field(() => ChangeStatus, { description: 'What happened to the item.' })
  status!: ChangeStatus;

  @Field(() => String, { nullable: true, description: "The item in the 'from' level; null when ADDED." })
  from!: string | null;

  @Field(() => String, { nullable: true, description: "The item in the 'to' level; null when REMOVED." })
  to!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "1-based position in the 'from' competency; null when ADDED.",
  })
  fromPosition!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "1-based position in the 'to' competency; null when REMOVED.",
  })
  toPosition!: number | null;

  @Field(() => Float, { description: '0..1; 1 for UNCHANGED, 0 for ADDED and REMOVED' })
  similarity!: number;

  @Field(() => [TextSegmentType], {
    complexity: contentList,
    description: "word-level: concatenating EQUAL+DELETED gives 'from', EQUAL+INSERTED gives 'to'",
  })
  segments!: readonly TextSegmentType[];
}

@ObjectType('DiffSummary', {
  simpleResolvers: true,
  description: 'counts over expectations and examples together',
})
export class DiffSummaryType {
  @Field(() => Int, { description: "Items only in the 'to' level." })
  added!: number;

  @Field(() => Int, { description: "Items only in the 'from' level." })
  removed!: number;

  @Field(() => Int, { description: 'Items reworded between the two.' })
  changed!: number;

  @Field(() => Int, { description: 'Items identical in both.' })
  unchanged!: number;
}

@ObjectType('AttributeChange', {
  simpleResolvers: true,
  description: 'One attribute compared between the two levels.',
})
export class AttributeChangeType {
  @Field(() => String, { description: 'camelCase key.' })
  key!: string;

  @Field(() => String, { description: "The label, as the 'to' level writes it when it has the attribute." })
  label!: string;

  @Field(() => String, { nullable: true, description: "The value in the 'from' level; null when ADDED." })
  from!: string | null;

  @Field(() => String, { nullable: true, description: "The value in the 'to' level; null when REMOVED." })
  to!: string | null;

  @Field(() => ChangeStatus, { description: 'What happened to the attribute.' })
  status!: ChangeStatus;
}

@ObjectType('CompetencyDiff', {
  simpleResolvers: true,
  description: 'One competency compared between the two levels, matched by slug.',
})
export class CompetencyDiffType {
  @Field(() => String, { description: 'The slug both levels share.' })
  slug!: string;

  @Field(() => String, { description: "The name, as the 'to' level writes it when it has the competency." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The emoji written before the name.' })
  emoji!: string | null;

  @Field(() => ChangeStatus, {
    description:
      'ADDED or REMOVED when only one level has it, UNCHANGED when every item is, CHANGED otherwise.',
  })
  status!: ChangeStatus;

  @Field(() => [TextChangeType], {
    complexity: contentList,
    description: "In the 'to' level's order, with removed items where they stood in 'from'.",
  })
  expectations!: readonly TextChangeType[];

  @Field(() => [TextChangeType], {
    complexity: contentList,
    description: "In the 'to' level's order, with removed items where they stood in 'from'.",
  })
  examples!: readonly TextChangeType[];

  @Field(() => DiffSummaryType, { description: 'The counts for this competency alone.' })
  summary!: DiffSummaryType;
}

@ObjectType('LevelDiff', {
  simpleResolvers: true,
  description: 'What changes from one level to another.',
})
export class LevelDiffType {
  @Field(() => LevelType, { description: 'The level compared from.' })
  from!: Level;

  @Field(() => LevelType, { description: 'The level compared to.' })
  to!: Level;

  @Field(() => [AttributeChangeType], {
    complexity: contentList,
    description: "Every attribute of either level, in the 'to' level's order, then those only 'from' has.",
  })
  attributes!: readonly AttributeChangeType[];

  @Field(() => [CompetencyDiffType], {
    complexity: contentList,
    description: "every competency of either level, in the 'to' level's order, then those only 'from' has",
  })
  competencies!: readonly CompetencyDiffType[];

  @Field(() => DiffSummaryType, { description: 'The counts over every competency.' })
  summary!: DiffSummaryType;
}
