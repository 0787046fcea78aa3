import { Length } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class ChangesArgs {
  @Field(() => String, { description: 'The earlier version: a tag, a branch, or a commit hash.' })
  @Length(1, MAX_ID_LENGTH)
  since!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The later version; the content being served when omitted.',
  })
  @Length(1, MAX_ID_LENGTH)
  until?: string | null;
}
