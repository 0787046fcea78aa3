import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class IdArgs {
  @Field(() => ID, { description: 'The id to look up.' })
  @MaxLength(MAX_ID_LENGTH)
  id!: string;
}
