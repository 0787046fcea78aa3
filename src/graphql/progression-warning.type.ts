import { Field, ObjectType } from 'type-graphql';
import type { SourceLocation } from '../domain/entities';
import type { ProgressionWarning } from '../domain/progression-lint';
import { SourceLocationType } from './source-location.type';

/** A progression warning as the schema serves it: its place as a SourceLocation. */
export interface ProgressionWarningView {
  readonly code: string;
  readonly message: string;
  readonly location: SourceLocation;
}

/** The schema's form of a domain warning. */
export function progressionWarningView(warning: ProgressionWarning): ProgressionWarningView {
  return {
    code: warning.code,
    message: warning.message,
    location: { path: warning.path, line: warning.line },
  };
}

@ObjectType('ProgressionWarning', {
  simpleResolvers: true,
  description:
    "advice to the framework's authors on how a cumulative track grows, as content:check prints it (a progression-* warning)",
})
export class ProgressionWarningType implements ProgressionWarningView {
  @Field(() => String, {
    description:
      'the stable code: progression-stalled-competency, progression-trivial-step, progression-scope-mismatch or progression-verbatim-restatement',
  })
  code!: string;

  @Field(() => String, { description: 'what is wrong and what to do, naming the lower level and its line' })
  message!: string;

  @Field(() => SourceLocationType, { description: 'the item or competency heading it is about' })
  location!: SourceLocation;
}
