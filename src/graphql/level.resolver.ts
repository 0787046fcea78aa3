import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { attributeValue, type Competency, type Level, type Track } from '../domain/entities';
import { expectedAt, type ExpectedItem } from '../domain/expected';
import { filterLevels } from '../domain/filter';
import { progressionWarnings } from '../domain/progression-lint';
import { namedAttributeLabel, type NamedAttributeKey } from '../domain/named-attributes';
import { IdArgs } from './args/id.args';
import { KeyArgs } from './args/key.args';
import { LevelsArgs } from './args/levels.args';
import { SlugArgs } from './args/slug.args';
import { lastChange, LAST_CHANGE_VERSIONS, type LastChange } from './last-change';
import { LevelChangeType } from './level-change.type';
import type { GraphQLContext } from './context';
import { assertDraftsAllowed } from './permissions';
import { CompetencyType } from './competency.type';
import { ExpectedItemType } from './expected-item.type';
import { LevelType } from './level.type';
import {
  ProgressionWarningType,
  progressionWarningView,
  type ProgressionWarningView,
} from './progression-warning.type';
import { TrackType } from './track.type';
import { versionsOf } from './context';
import { contentList } from './cost/declare';

// The named attributes' fields are written out rather than generated from the domain's list:
// type-graphql orders fields by decorator, and generated ones would move in introspection. Implementing
// this type makes a named attribute added to the domain fail to compile until it has its field here.
type NamedAttributeFields = Record<NamedAttributeKey, (level: Level) => string | null>;

/** The options of a named attribute's field, described with the domain's label. */
function namedAttributeField(key: NamedAttributeKey) {
  return { nullable: true, description: `The '${namedAttributeLabel(key)}' attribute.` };
}

@Resolver(() => LevelType)
export class LevelResolver implements NamedAttributeFields {
  @Query(() => LevelType, {
    nullable: true,
    description: "null when no level has that id; 'track/L3@v2026.1' reads the level at a version",
  })
  async level(@Ctx() ctx: GraphQLContext, @Args(() => IdArgs) { id }: IdArgs): Promise<Level | null> {
    const found = await versionsOf(ctx).lookup(id, 2);
    return found && found.framework.level(found.id);
  }

  @Query(() => [LevelType], {
    complexity: contentList,
    description: 'all matching levels, ordered by track then rank; drafts only with includeDrafts',
  })
  levels(@Ctx() ctx: GraphQLContext, @Args(() => LevelsArgs) { filter }: LevelsArgs): Level[] {
    assertDraftsAllowed(ctx, filter?.includeDrafts);
    return filterLevels(ctx.framework, filter ?? {});
  }

  @FieldResolver(() => TrackType, { description: 'The track the level belongs to.' })
  track(@Root() level: Level, @Ctx() ctx: GraphQLContext): Track {
    return versionsOf(ctx).frameworkOf(level.id).track(level.trackId)!;
  }

  @FieldResolver(() => String, namedAttributeField('planningHorizon'))
  planningHorizon(@Root() level: Level): string | null {
    return attributeValue(level, 'planningHorizon');
  }

  @FieldResolver(() => String, namedAttributeField('impactRadius'))
  impactRadius(@Root() level: Level): string | null {
    return attributeValue(level, 'impactRadius');
  }

  @FieldResolver(() => String, namedAttributeField('evaluation'))
  evaluation(@Root() level: Level): string | null {
    return attributeValue(level, 'evaluation');
  }

  @FieldResolver(() => String, namedAttributeField('responsibilityAndDirectionNeeded'))
  responsibilityAndDirectionNeeded(@Root() level: Level): string | null {
    return attributeValue(level, 'responsibilityAndDirectionNeeded');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Any attribute by camelCase key; null when the level lacks it.',
  })
  attribute(@Root() level: Level, @Args(() => KeyArgs) { key }: KeyArgs): string | null {
    return attributeValue(level, key.trim());
  }

  @FieldResolver(() => CompetencyType, {
    nullable: true,
    description: "The competency with this slug, e.g. 'domain-expertise'.",
  })
  competency(@Root() level: Level, @Args(() => SlugArgs) { slug }: SlugArgs): Competency | null {
    const wanted = slug.trim().toLowerCase();
    return level.competencies.find((c) => c.slug === wanted) ?? null;
  }

  @FieldResolver(() => [ExpectedItemType], {
    complexity: contentList,
    description:
      'every expectation this level holds: its own and, on a cumulative track, those of lower levels that no level up to this one has grown into a new form; in competency order',
  })
  expected(@Root() level: Level, @Ctx() ctx: GraphQLContext): readonly ExpectedItem[] {
    return expectedAt(versionsOf(ctx).frameworkOf(level.id), level);
  }

  @FieldResolver(() => [ProgressionWarningType], {
    complexity: contentList,
    description:
      "for authors: where this level, on a cumulative track, does not visibly grow from the levels below it in the caller's view (the progression lint of content:check); empty on a standalone track",
  })
  progressionWarnings(@Root() level: Level, @Ctx() ctx: GraphQLContext): ProgressionWarningView[] {
    return progressionWarnings(versionsOf(ctx).frameworkOf(level.id), level).map(progressionWarningView);
  }

  @FieldResolver(() => LevelType, { nullable: true, description: 'the neighbours on the same track' })
  previous(@Root() level: Level, @Ctx() ctx: GraphQLContext): Level | null {
    return versionsOf(ctx).frameworkOf(level.id).previous(level);
  }

  @FieldResolver(() => LevelType, { nullable: true, description: 'the neighbours on the same track' })
  next(@Root() level: Level, @Ctx() ctx: GraphQLContext): Level | null {
    return versionsOf(ctx).frameworkOf(level.id).next(level);
  }

  @FieldResolver(() => LevelChangeType, {
    nullable: true,
    description: `the latest version that changed this level, looking back at most ${LAST_CHANGE_VERSIONS} versions; null without history or when none of them did`,
  })
  lastChange(@Root() level: Level, @Ctx() ctx: GraphQLContext): Promise<LastChange | null> {
    return lastChange(versionsOf(ctx), level);
  }
}
