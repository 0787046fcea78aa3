import { MaxLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class CodeArgs {
  @Field(() => String, { description: "The level code, e.g. 'L3'." })
  @MaxLength(MAX_ID_LENGTH)
  code!: string;
}
