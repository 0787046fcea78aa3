import { Length } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class RefArgs {
  @Field(() => String, { description: 'A tag, a branch, or a full or short (4+ digits) commit hash.' })
  @Length(1, MAX_ID_LENGTH)
  ref!: string;
}
