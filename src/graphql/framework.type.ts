import { Field, ObjectType } from 'type-graphql';
import type { Framework } from '../domain/framework';

@ObjectType('Framework', {
  simpleResolvers: true,
  description: 'The whole loaded content: every track, at one content version.',
})
export class FrameworkType implements Partial<Framework> {
  @Field(() => String, {
    description:
      'content hash of what the caller may see: without the drafts permission, of the published files only, so a draft-only edit leaves it unchanged; with it, of every file loaded',
  })
  version!: string;

  @Field(() => Date, { description: 'When this version was loaded by the server.' })
  loadedAt!: Date;
}
