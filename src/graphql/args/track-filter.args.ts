import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class TrackFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Only this track; every track when omitted.' })
  @MaxLength(MAX_ID_LENGTH)
  track?: string;
}
