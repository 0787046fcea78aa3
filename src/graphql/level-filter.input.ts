import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_RANK, MIN_RANK } from '../domain/entities';
import type { AttributeMatch, LevelFilter, StringMatch } from '../domain/filter';
import { namedAttributeLabel, type NamedAttributeKey } from '../domain/named-attributes';
import { MAX_ID_LENGTH, MAX_LIST_LENGTH, MAX_TEXT_LENGTH } from './limits';

@InputType('StringFilter', {
  description:
    'string matching is case-insensitive and ignores surrounding white space; all given operators must hold',
})
export class StringFilterInput implements StringMatch {
  @Field(() => String, { nullable: true, description: 'Equal to this value.' })
  @MaxLength(MAX_TEXT_LENGTH)
  eq?: string;

  @Field(() => [String], { nullable: true, description: 'Equal to one of these values; [] matches nothing.' })
  @ArrayMaxSize(MAX_LIST_LENGTH)
  @MaxLength(MAX_TEXT_LENGTH, { each: true })
  in?: string[];

  @Field(() => String, { nullable: true, description: 'Contains this text.' })
  @MaxLength(MAX_TEXT_LENGTH)
  contains?: string;
}

@InputType('AttributeFilter', {
  description: 'A condition on any attribute by key; a level without the attribute does not match.',
})
export class AttributeFilterInput extends StringFilterInput implements AttributeMatch {
  @Field(() => String, { description: "camelCase key, e.g. 'impactRadius' (see attributeDefinitions)." })
  @MaxLength(MAX_ID_LENGTH)
  key!: string;
}

/** The options of a named attribute's condition, described with the domain's label. */
function namedAttributeCondition(key: NamedAttributeKey) {
  return { nullable: true, description: `On the '${namedAttributeLabel(key)}' attribute.` };
}

// The named attributes' conditions are written out rather than generated from the domain's list:
// type-graphql orders fields by decorator, and generated ones would move in introspection and in
// validation errors. tests/graphql/named-attributes.test.ts fails when one is missing.
@InputType('LevelFilter', { description: 'all given conditions must hold' })
export class LevelFilterInput implements LevelFilter {
  @Field(() => ID, { nullable: true, description: 'Only levels of this track.' })
  @MaxLength(MAX_ID_LENGTH)
  track?: string;

  @Field(() => String, { nullable: true, description: "Only levels with this code, e.g. 'L3'." })
  @MaxLength(MAX_ID_LENGTH)
  code?: string;

  @Field(() => Int, { nullable: true, description: 'Only levels of at least this rank.' })
  @Min(MIN_RANK)
  @Max(MAX_RANK)
  rankMin?: number;

  @Field(() => Int, { nullable: true, description: 'Only levels of at most this rank.' })
  @Min(MIN_RANK)
  @Max(MAX_RANK)
  rankMax?: number;

  @Field(() => StringFilterInput, namedAttributeCondition('planningHorizon'))
  @ValidateNested()
  planningHorizon?: StringFilterInput;

  @Field(() => StringFilterInput, namedAttributeCondition('impactRadius'))
  @ValidateNested()
  impactRadius?: StringFilterInput;

  @Field(() => StringFilterInput, namedAttributeCondition('evaluation'))
  @ValidateNested()
  evaluation?: StringFilterInput;

  @Field(() => StringFilterInput, namedAttributeCondition('responsibilityAndDirectionNeeded'))
  @ValidateNested()
  responsibilityAndDirectionNeeded?: StringFilterInput;

  @Field(() => [AttributeFilterInput], {
    nullable: true,
    description: 'Conditions on any attributes, all of which must hold.',
  })
  @ArrayMaxSize(MAX_LIST_LENGTH)
  @ValidateNested({ each: true })
  attributes?: AttributeFilterInput[];

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Include levels marked as drafts.',
  })
  @IsOptional()
  includeDrafts?: boolean;
}
