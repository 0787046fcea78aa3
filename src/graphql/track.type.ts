import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Track } from '../domain/entities';
import { LevelProgression } from './enums';

// an entity other subgraphs of a company's supergraph can reference by id (schema.subgraph.graphql)
@Directive('@key(fields: "id")')
@ObjectType('Track', {
  simpleResolvers: true,
  description: 'A career track: one folder of level files.',
})
export class TrackType implements Partial<Track> {
  @Field(() => ID, { description: "The folder name, e.g. 'site-reliability-engineer'." })
  id!: string;

  @Field(() => String, { description: 'From track.md, or derived from the folder name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'One paragraph from track.md, when it has one.' })
  description!: string | null;

  @Field(() => LevelProgression, {
    description: "From track.md's 'progression'; STANDALONE when it does not say.",
  })
  progression!: LevelProgression;
}
