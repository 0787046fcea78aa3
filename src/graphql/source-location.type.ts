import { Field, Int, ObjectType } from 'type-graphql';
import type { SourceLocation } from '../domain/entities';

@ObjectType('SourceLocation', {
  simpleResolvers: true,
  description: 'Where something was written in the content directory.',
})
export class SourceLocationType implements SourceLocation {
  @Field(() => String, { description: 'relative to the content directory' })
  path!: string;

  @Field(() => Int, { description: '1-based line of the title, heading or item.' })
  line!: number;
}
