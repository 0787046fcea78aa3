import { Field, ObjectType } from 'type-graphql';
import type { Level } from '../domain/entities';
import type { FrameworkVersion } from '../domain/versions';
import { LevelType } from './level.type';
import { FrameworkVersionType } from './version.type';

@ObjectType('LevelChange', {
  simpleResolvers: true,
  description: 'The latest version that changed a level, and the version before it that the change is from.',
})
export class LevelChangeType {
  @Field(() => FrameworkVersionType, {
    nullable: true,
    description:
      'the version that changed the level; null when the change is in the served content and not committed yet',
  })
  version!: FrameworkVersion | null;

  @Field(() => FrameworkVersionType, { description: 'the version before the change' })
  since!: FrameworkVersion;

  @Field(() => LevelType, {
    nullable: true,
    description:
      "the level as it was at 'since', with '@<ref>' in its id; null when the change added the level",
  })
  from!: Level | null;
}
