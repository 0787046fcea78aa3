import { readersDiff, type LevelIn } from './diff/reader';
import type { TextSegment } from './diff/types';
import type { Competency, Item, Level } from './entities';
import { expectedAt } from './expected';

/** One expectation of the 'to' level to show evidence for. */
export interface ChecklistItem {
  /** New at the 'to' level, or grown from what the 'from' level expects. */
  readonly status: 'added' | 'changed';
  /** The competency it is written under, where it is stated. */
  readonly competency: Competency;
  readonly expectation: Item;
  /** The form the 'from' level expects it in; null when new. */
  readonly grownFrom: string | null;
  /** The word diff from `grownFrom`; empty when new. */
  readonly segments: readonly TextSegment[];
}

/** A promotion step as a checklist: what the 'to' level adds to what the 'from' level expects. */
export interface StepChecklist {
  readonly from: Level;
  readonly to: Level;
  readonly items: readonly ChecklistItem[];
}

/**
 * The new and grown expectations of `to` against `from`, in the reader's diff's order (its
 * competencies, then its items): what `readersDiff` marks ADDED or CHANGED, and nothing the 'to'
 * level merely still expects. Examples are left out: they are evidence a level gives of itself, not
 * expectations to meet.
 */
export function stepChecklist(from: LevelIn, to: LevelIn): StepChecklist {
  const diff = readersDiff(from, to);
  const expected = expectedAt(to.framework, to.level);
  const items = diff.competencies.flatMap((competency) => {
    const held = expected.filter((e) => e.competency.slug === competency.slug);
    return competency.expectations.flatMap((change): ChecklistItem[] => {
      if ((change.status !== 'added' && change.status !== 'changed') || change.toPosition === null) return [];
      // toPosition counts within what the 'to' level expects of this competency, as the diff compared
      const item = held[change.toPosition - 1]!;
      return [
        {
          status: change.status,
          competency: item.competency,
          expectation: item.expectation,
          grownFrom: change.status === 'changed' ? change.from : null,
          segments: change.status === 'changed' ? change.segments : [],
        },
      ];
    });
  });
  return { from: from.level, to: to.level, items };
}

/** The items under their competencies, in the checklist's order (one group per competency). */
export function byCompetency(
  items: readonly ChecklistItem[],
): { readonly competency: Competency; readonly items: readonly ChecklistItem[] }[] {
  const groups = new Map<string, { competency: Competency; items: ChecklistItem[] }>();
  for (const item of items) {
    const group = groups.get(item.competency.slug) ?? { competency: item.competency, items: [] };
    group.items.push(item);
    groups.set(item.competency.slug, group);
  }
  return [...groups.values()];
}
