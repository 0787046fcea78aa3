import { IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class IncludeDraftsArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Include levels marked as drafts.' })
  @IsOptional()
  includeDrafts!: boolean;
}
