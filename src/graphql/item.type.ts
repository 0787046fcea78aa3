import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Item } from '../domain/entities';
import { SourceLocationType } from './source-location.type';

/** Expectations and examples have the same fields; only their names, ids and descriptions differ. */
function itemType(kind: Item['kind'], name: string, description: string, idLetter: 'e' | 'x') {
  @ObjectType(name, { simpleResolvers: true, description })
  class ItemType implements Partial<Item> {
    @Field(() => ID, {
      description: `'<competency id>/${idLetter}<position>', e.g. 'site-reliability-engineer/L3/domain-expertise/${idLetter}2'.`,
    })
    id!: string;

    @Field(() => String, { description: `The ${kind} as plain text.` })
    text!: string;

    @Field(() => Int, { description: '1-based position within the competency.' })
    position!: number;

    @Field(() => SourceLocationType, { description: 'Where the item is written.' })
    source!: Item['source'];
  }
  return ItemType;
}

export const ExpectationType = itemType(
  'expectation',
  'Expectation',
  'What a person at this level does, in their own voice.',
  'e',
);
export const ExampleType = itemType(
  'example',
  'Example',
  'Evidence that someone meets the competency at this level.',
  'x',
);
