import { Field, ID, ObjectType } from 'type-graphql';
import type { LevelDiff } from '../domain/diff/types';
import type { Level } from '../domain/entities';
import { MAX_TAGS_PER_VERSION, type FrameworkVersion } from '../domain/versions';
import { LevelDiffType } from './diff.type';
import { LevelType } from './level.type';
import { contentList, fixedList } from './cost/declare';

@ObjectType('FrameworkVersion', {
  simpleResolvers: true,
  description: "A commit of the content's git repository that changed a content file.",
})
export class FrameworkVersionType implements Partial<FrameworkVersion> {
  @Field(() => ID, { description: 'the full commit hash' })
  id!: string;

  @Field(() => String, { description: 'The first 7 digits of the hash, as git shows it.' })
  shortId!: string;

  @Field(() => [String], {
    complexity: fixedList(MAX_TAGS_PER_VERSION),
    description: 'tags that point at this commit',
  })
  tags!: readonly string[];

  @Field(() => Date, { description: 'When the commit was made (its committer date).' })
  committedAt!: Date;

  @Field(() => String, { description: 'the first line of the commit message' })
  subject!: string;
}

@ObjectType('FrameworkChanges', {
  simpleResolvers: true,
  description: 'What changed in the whole framework between two versions.',
})
export class FrameworkChangesType {
  @Field(() => FrameworkVersionType, { description: 'The earlier version.' })
  since!: FrameworkVersion;

  @Field(() => FrameworkVersionType, {
    nullable: true,
    description: 'null when the later side is the content being served and it differs from every commit',
  })
  until!: FrameworkVersion | null;

  @Field(() => [LevelType], { complexity: contentList, description: 'levels only in the later version' })
  addedLevels!: readonly Level[];

  @Field(() => [LevelType], { complexity: contentList, description: 'levels only in the earlier version' })
  removedLevels!: readonly Level[];

  @Field(() => [LevelDiffType], {
    complexity: contentList,
    description: 'levels in both whose content differs, each diffed from the earlier to the later',
  })
  changedLevels!: readonly LevelDiff[];
}
