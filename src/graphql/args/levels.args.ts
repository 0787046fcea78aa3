import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { LevelFilterInput } from '../level-filter.input';

@ArgsType()
export class LevelsArgs {
  @Field(() => LevelFilterInput, { nullable: true, description: 'Conditions, all of which must hold.' })
  @ValidateNested()
  filter?: LevelFilterInput;
}
