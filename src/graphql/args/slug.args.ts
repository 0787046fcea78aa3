import { MaxLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class SlugArgs {
  @Field(() => String, { description: "Competency slug, e.g. 'domain-expertise'." })
  @MaxLength(MAX_ID_LENGTH)
  slug!: string;
}
