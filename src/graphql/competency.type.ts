import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Competency, Item } from '../domain/entities';
import { ExampleType, ExpectationType } from './item.type';
import { SourceLocationType } from './source-location.type';
import { contentList } from './cost/declare';

// an entity other subgraphs of a company's supergraph can reference by id (schema.subgraph.graphql)
@Directive('@key(fields: "id")')
@ObjectType('Competency', {
  simpleResolvers: true,
  description: "One '## emoji Name' section of a level.",
})
export class CompetencyType implements Partial<Competency> {
  @Field(() => ID, {
    description: "'<level id>/<slug>', e.g. 'site-reliability-engineer/L3/domain-expertise'.",
  })
  id!: string;

  @Field(() => String, { description: '"domain-expertise"' })
  slug!: string;

  @Field(() => String, { description: '"Domain expertise"' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "the emoji written before the name, repaired when the file's encoding was damaged",
  })
  emoji!: string | null;

  @Field(() => [ExpectationType], {
    complexity: contentList,
    description: 'The list directly under the heading, in order.',
  })
  expectations!: readonly Item[];

  @Field(() => [ExampleType], {
    complexity: contentList,
    description: 'The list inside the Examples block, in order.',
  })
  examples!: readonly Item[];

  @Field(() => SourceLocationType, { description: 'Where the heading is written.' })
  source!: Competency['source'];
}
