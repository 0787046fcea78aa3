import { Length, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { MAX_QUERY_TERMS } from '../../domain/search';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_ID_LENGTH,
  MAX_SEARCH_LIMIT,
  MAX_TEXT_LENGTH,
  MIN_SEARCH_LIMIT,
} from '../limits';

@ArgsType()
export class SearchArgs {
  @Field(() => String, {
    description: `Words to look for; prefixes and small typos match. 1 to 200 characters, of which the first ${MAX_QUERY_TERMS} distinct words are looked for.`,
  })
  @Length(1, MAX_TEXT_LENGTH)
  query!: string;

  @Field(() => ID, { nullable: true, description: 'Only hits on this track.' })
  @MaxLength(MAX_ID_LENGTH)
  track?: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_SEARCH_LIMIT,
    description: 'At most this many hits, 1 to 100.',
  })
  @Min(MIN_SEARCH_LIMIT)
  @Max(MAX_SEARCH_LIMIT)
  limit!: number;
}
