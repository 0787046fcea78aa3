import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_VERSIONS_LIMIT, MAX_VERSIONS_LIMIT } from '../limits';

@ArgsType()
export class VersionsArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_VERSIONS_LIMIT,
    description: `At most this many versions, 1 to ${MAX_VERSIONS_LIMIT}.`,
  })
  @Min(1)
  @Max(MAX_VERSIONS_LIMIT)
  limit!: number;
}
