import { Field, ObjectType } from 'type-graphql';
import type { Item, Level } from '../domain/entities';
import type { ExpectedItem } from '../domain/expected';
import { contentList } from './cost/declare';
import { ExpectationType } from './item.type';
import { LevelType } from './level.type';

@ObjectType('ExpectedItem', {
  simpleResolvers: true,
  description: 'an expectation a level holds, wherever it is written',
})
export class ExpectedItemType implements Partial<ExpectedItem> {
  @Field(() => ExpectationType, {
    description: 'the expectation as written, with its own id, level and competency',
  })
  expectation!: Item;

  @Field(() => LevelType, {
    description: 'the level whose file states it: this level, or a lower one on a cumulative track',
  })
  statedAt!: Level;

  @Field(() => [ExpectationType], {
    complexity: contentList,
    description:
      'the lower-level expectations this one restates in a grown form, nearest level first; empty when it is new',
  })
  grownFrom!: readonly Item[];
}
