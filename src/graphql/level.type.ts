import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { Attribute, Competency, Level } from '../domain/entities';
import { AttributeType } from './attribute.type';
import { CompetencyType } from './competency.type';
import { LevelStatus } from './enums';
import { SourceLocationType } from './source-location.type';
import { contentList } from './cost/declare';

// an entity other subgraphs of a company's supergraph can reference by id (schema.subgraph.graphql)
@Directive('@key(fields: "id")')
@ObjectType('Level', {
  simpleResolvers: true,
  description: 'One level of a track: one markdown file.',
})
export class LevelType implements Partial<Level> {
  @Field(() => ID, { description: "'<track id>/<code>', e.g. 'site-reliability-engineer/L3'." })
  id!: string;

  @Field(() => String, { description: '"L3"' })
  code!: string;

  @Field(() => Int, { description: '"3"' })
  rank!: number;

  @Field(() => String, { description: '"Senior Site Reliability Engineer"' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'the quoted statement under the title, as plain text' })
  summary!: string | null;

  @Field(() => LevelStatus, { description: 'PUBLISHED unless the front matter says draft.' })
  status!: Level['status'];

  @Field(() => [AttributeType], {
    complexity: contentList,
    description: "every '**Label**: value' line of the level, in file order",
  })
  attributes!: readonly Attribute[];

  @Field(() => [CompetencyType], { complexity: contentList, description: 'The competencies in file order.' })
  competencies!: readonly Competency[];

  @Field(() => SourceLocationType, { description: 'The file and the line of its title.' })
  source!: Level['source'];
}
