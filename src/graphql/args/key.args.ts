import { MaxLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class KeyArgs {
  @Field(() => String, { description: "camelCase attribute key, e.g. 'impactRadius'." })
  @MaxLength(MAX_ID_LENGTH)
  key!: string;
}
