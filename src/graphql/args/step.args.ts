import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class StepArgs {
  @Field(() => ID, { description: "The level the step starts from, e.g. 'site-reliability-engineer/L2'." })
  @MaxLength(MAX_ID_LENGTH)
  from!: string;

  @Field(() => ID, { description: "The level the step reaches, e.g. 'site-reliability-engineer/L3'." })
  @MaxLength(MAX_ID_LENGTH)
  to!: string;
}
