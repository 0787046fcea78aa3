import { Field, ObjectType } from 'type-graphql';
import type { Attribute } from '../domain/entities';
import { contentList } from './cost/declare';

@ObjectType('Attribute', {
  simpleResolvers: true,
  description:
    "key is the camelCase of label: 'Responsibility and direction needed' -> responsibilityAndDirectionNeeded",
})
export class AttributeType implements Attribute {
  @Field(() => String, { description: "camelCase of the label, e.g. 'impactRadius'." })
  key!: string;

  @Field(() => String, { description: "The label as written, e.g. 'Impact radius'." })
  label!: string;

  @Field(() => String, { description: "The value as plain text, e.g. 'Peers (2-5)'." })
  value!: string;
}

@ObjectType('AttributeDefinition', {
  simpleResolvers: true,
  description: 'An attribute key seen in the content and every value it takes, for filters and dropdowns.',
})
export class AttributeDefinitionType {
  @Field(() => String, {
    description: 'camelCase key, usable in AttributeFilter.key and Level.attribute(key:).',
  })
  key!: string;

  @Field(() => String, { description: 'The label as first written.' })
  label!: string;

  @Field(() => [String], { complexity: contentList, description: 'Distinct values in rank order.' })
  values!: string[];
}
