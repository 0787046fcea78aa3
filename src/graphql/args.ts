import { IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { MAX_QUERY_TERMS } from '../domain/search';
import { LevelFilterInput } from './level-filter.input';
import {
  DEFAULT_SEARCH_LIMIT,
  DEFAULT_VERSIONS_LIMIT,
  MAX_VERSIONS_LIMIT,
  MAX_ID_LENGTH,
  MAX_SEARCH_LIMIT,
  MAX_TEXT_LENGTH,
  MIN_SEARCH_LIMIT,
} from './limits';

// Arguments are classes so that class-validator checks them and the error names the argument.

@ArgsType()
export class IdArgs {
  @Field(() => ID, { description: 'The id to look up.' })
  @MaxLength(MAX_ID_LENGTH)
  id!: string;
}

@ArgsType()
export class CodeArgs {
  @Field(() => String, { description: "The level code, e.g. 'L3'." })
  @MaxLength(MAX_ID_LENGTH)
  code!: string;
}

@ArgsType()
export class KeyArgs {
  @Field(() => String, { description: "camelCase attribute key, e.g. 'impactRadius'." })
  @MaxLength(MAX_ID_LENGTH)
  key!: string;
}

@ArgsType()
export class SlugArgs {
  @Field(() => String, { description: "Competency slug, e.g. 'domain-expertise'." })
  @MaxLength(MAX_ID_LENGTH)
  slug!: string;
}

@ArgsType()
export class IncludeDraftsArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Include levels marked as drafts.' })
  @IsOptional()
  includeDrafts!: boolean;
}

@ArgsType()
export class LevelsArgs {
  @Field(() => LevelFilterInput, { nullable: true, description: 'Conditions, all of which must hold.' })
  @ValidateNested()
  filter?: LevelFilterInput;
}

@ArgsType()
export class TrackFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Only this track; every track when omitted.' })
  @MaxLength(MAX_ID_LENGTH)
  track?: string;
}

@ArgsType()
export class DiffArgs {
  @Field(() => ID, { description: "The level to compare from, e.g. 'site-reliability-engineer/L2'." })
  @MaxLength(MAX_ID_LENGTH)
  from!: string;

  @Field(() => ID, { description: "The level to compare to, e.g. 'site-reliability-engineer/L3'." })
  @MaxLength(MAX_ID_LENGTH)
  to!: string;
}

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

@ArgsType()
export class RefArgs {
  @Field(() => String, { description: 'A tag, a branch, or a full or short (4+ digits) commit hash.' })
  @Length(1, MAX_ID_LENGTH)
  ref!: string;
}

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
