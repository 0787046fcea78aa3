import { Field, Float, ID, ObjectType } from 'type-graphql';
import { contentList } from './cost/declare';
import { SearchHitKind } from './enums';

@ObjectType('SearchHit', {
  simpleResolvers: true,
  description: 'One match of a full-text search.',
})
export class SearchHitType {
  @Field(() => SearchHitKind, { description: 'What matched: a level, an expectation or an example.' })
  kind!: SearchHitKind;

  @Field(() => ID, { description: 'the id of the level, expectation or example that matched' })
  id!: string;

  @Field(() => String, { description: "The matched text: a level's title, or the item's sentence." })
  text!: string;

  @Field(() => Float, { description: 'Relevance; hits come best first.' })
  score!: number;

  @Field(() => [String], {
    complexity: contentList,
    description:
      "the indexed words of this hit's text that matched the query, after prefix and typo matching; lower-cased, sorted",
  })
  matchedTerms!: string[];

  /** Resolved by the search resolver into `level` and `competency`. */
  levelId!: string;
  competencyId!: string | null;
}
