import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { DiffBasis } from '../enums';
import { MAX_ID_LENGTH } from '../limits';

@ArgsType()
export class DiffArgs {
  @Field(() => ID, { description: "The level to compare from, e.g. 'site-reliability-engineer/L2'." })
  @MaxLength(MAX_ID_LENGTH)
  from!: string;

  @Field(() => ID, { description: "The level to compare to, e.g. 'site-reliability-engineer/L3'." })
  @MaxLength(MAX_ID_LENGTH)
  to!: string;

  @Field(() => DiffBasis, {
    defaultValue: DiffBasis.EXPECTED,
    description:
      "EXPECTED (the default) compares what each level expects, for readers; WRITTEN what each level's file writes, for editors.",
  })
  basis!: DiffBasis;
}
