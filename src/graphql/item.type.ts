import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Item } from '../domain/entities';
import { SourceLocationType } from './source-location.type';

@ObjectType('Expectation', {
  simpleResolvers: true,
  description: 'What a person at this level does, in their own voice.',
})
export class ExpectationType implements Partial<Item> {
  @Field(() => ID, {
    description: "'<competency id>/e<position>', e.g. 'site-reliability-engineer/L3/domain-expertise/e2'.",
  })
  id!: string;

  @Field(() => String, { description: 'The expectation as plain text.' })
  text!: string;

  @Field(() => Int, { description: '1-based position within the competency.' })
  position!: number;

  @Field(() => SourceLocationType, { description: 'Where the item is written.' })
  source!: Item['source'];
}

@ObjectType('Example', {
  simpleResolvers: true,
  description: 'Evidence that someone meets the competency at this level.',
})
export class ExampleType implements Partial<Item> {
  @Field(() => ID, {
    description: "'<competency id>/x<position>', e.g. 'site-reliability-engineer/L3/domain-expertise/x2'.",
  })
  id!: string;

  @Field(() => String, { description: 'The example as plain text.' })
  text!: string;

  @Field(() => Int, { description: '1-based position within the competency.' })
  position!: number;

  @Field(() => SourceLocationType, { description: 'Where the item is written.' })
  source!: Item['source'];
}
