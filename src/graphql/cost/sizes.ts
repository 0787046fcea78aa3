import type { Competency, Level } from '../../domain/entities';
import type { Framework } from '../../domain/framework';
import { progressionWarningBound } from '../../domain/progression-lint';
import { matchedTermsBound } from '../../domain/search';
import { spacedTokens } from '../../domain/text/words';
import type { CostContext } from './declare';

/** The most segments one change involving this sentence can have (a reworded pair: 3·min + 3). */
export function segmentsOfOneChange(text: string): number {
  return 3 * spacedTokens(text).length + 3;
}

/** The longest list of each key seen, for one parent. */
class Longest {
  readonly sizes = new Map<string, number>();

  see(key: string, count: number): void {
    if (count > (this.sizes.get(key) ?? 0)) this.sizes.set(key, count);
  }
}

function seeCompetency(longest: Longest, competency: Competency): void {
  for (const list of ['expectations', 'examples'] as const) {
    const items = competency[list];
    longest.see(`Competency.${list}`, items.length);
    for (const item of items) longest.see('TextChange.segments', segmentsOfOneChange(item.text));
  }
}

function seeLevel(longest: Longest, level: Level): void {
  longest.see('Level.competencies', level.competencies.length);
  longest.see('Level.attributes', level.attributes.length);
  longest.see('Level.progressionWarnings', progressionWarningBound(level));
  for (const competency of level.competencies) seeCompetency(longest, competency);
}

/**
 * The list sizes `contentList` fields are charged, from the loaded content, drafts included so
 * every `includeDrafts` is covered. A diff pairs competencies by slug, attributes by key and items
 * one to one at most, so each of its lists is at most the two levels' lists together; a change has
 * at most segmentsOfOneChange segments (tests/graphql/segment-bound.test.ts holds the diff to
 * both). A version read from git is sized as the content being served.
 */
export function contentSizes(framework: Framework): CostContext {
  const longest = new Longest();
  const values = new Map<string, Set<string>>();
  let expectedPerCompetency = 0;
  for (const track of framework.tracks) {
    const slugs = new Set(track.levels.flatMap((l) => l.competencies.map((c) => c.slug)));
    // what a level expects is at most every expectation of its track, of one competency at most
    // all of that competency's (expected.ts); a grown item's lineage has a level below it at most
    const perSlug = new Map<string, number>();
    for (const level of track.levels)
      for (const c of level.competencies)
        perSlug.set(c.slug, (perSlug.get(c.slug) ?? 0) + c.expectations.length);
    longest.see(
      'Level.expected',
      [...perSlug.values()].reduce((a, b) => a + b, 0),
    );
    expectedPerCompetency = Math.max(expectedPerCompetency, ...perSlug.values());
    longest.see('ExpectedItem.grownFrom', track.levels.length);
    for (const key of ['Track.levels', 'CompetencyMatrix.levels', 'CompetencyRow.cells'])
      longest.see(key, track.levels.length);
    longest.see('CompetencyMatrix.rows', slugs.size);
    for (const level of track.levels) {
      seeLevel(longest, level);
      for (const a of level.attributes) {
        let seen = values.get(a.key);
        if (!seen) values.set(a.key, (seen = new Set()));
        seen.add(a.value);
      }
    }
  }
  const { sizes } = longest;
  const levels = framework.levels.length;
  const set = (key: string, n: number) => sizes.set(key, n);
  set('Query.tracks', framework.tracks.length);
  set('Framework.tracks', framework.tracks.length);
  set('Query.levels', levels);
  for (const key of ['addedLevels', 'removedLevels', 'changedLevels']) set(`FrameworkChanges.${key}`, levels);
  set('Query.attributeDefinitions', values.size);
  set('AttributeDefinition.values', Math.max(0, ...[...values.values()].map((v) => v.size)));
  // a reader's diff also has the competencies only lower levels write (expected.ts)
  set(
    'LevelDiff.competencies',
    2 * Math.max(sizes.get('Level.competencies') ?? 0, sizes.get('CompetencyMatrix.rows') ?? 0),
  );
  set('LevelDiff.attributes', Math.min(2 * (sizes.get('Level.attributes') ?? 0), values.size));
  set('CompetencyDiff.expectations', 2 * expectedPerCompetency);
  set('CompetencyDiff.examples', 2 * (sizes.get('Competency.examples') ?? 0));
  // a checklist is some of what the 'to' level expects, each item one change of the reader's diff
  set('StepChecklist.items', sizes.get('Level.expected') ?? 0);
  set('ChecklistItem.segments', sizes.get('TextChange.segments') ?? 0);
  set('SearchHit.matchedTerms', matchedTermsBound(framework));
  return { sizes, largest: Math.max(1, ...sizes.values()) };
}
