import { Field, ObjectType } from 'type-graphql';
import type { Competency, Level } from '../domain/entities';
import { CompetencyType } from './competency.type';
import { LevelType } from './level.type';
import { contentList } from './cost/declare';

@ObjectType('CompetencyRow', {
  simpleResolvers: true,
  description: 'One competency across the levels of a track.',
})
export class CompetencyRowType {
  @Field(() => String, { description: 'The slug shared by every cell.' })
  slug!: string;

  @Field(() => String, { description: 'The name as the track writes it.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The emoji written before the name.' })
  emoji!: string | null;

  @Field(() => [CompetencyType], {
    complexity: contentList,
    nullable: 'items',
    description:
      'one cell per column of the matrix, in the same order; null where that level lacks the competency',
  })
  cells!: readonly (Competency | null)[];
}

@ObjectType('CompetencyMatrix', {
  simpleResolvers: true,
  description: 'competencies as rows, levels as columns: what a dashboard embeds',
})
export class CompetencyMatrixType {
  @Field(() => [LevelType], {
    complexity: contentList,
    description: 'The columns: the levels of the track by rank.',
  })
  levels!: readonly Level[];

  @Field(() => [CompetencyRowType], {
    complexity: contentList,
    description: 'The rows, in the order competencies first appear.',
  })
  rows!: readonly CompetencyRowType[];
}
