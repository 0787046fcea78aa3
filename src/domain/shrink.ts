import type { Level } from './entities';
import type { Framework } from './framework';

/** A level that lost whole parts of its content between the version served and the one just loaded. */
export interface Shrink {
  /** The level's file, relative to the content directory: `software-engineer/L3.md`. */
  readonly file: string;
  readonly levelId: string;
  /** What was lost, for the log line: `competencies 4 → 3, items 38 → 30`, or `level removed`. */
  readonly detail: string;
}

/**
 * The levels of `before` that are gone from `after`, or have fewer competencies, or fewer
 * expectations and examples in all. A file caught half-written loses exactly such whole parts (its
 * last competencies, the last items of a list), and so does a folder moved away for a moment, so the
 * store waits once more before serving such a load and the operator is told.
 */
export function findShrinks(before: Framework, after: Framework): Shrink[] {
  const shrinks: Shrink[] = [];
  for (const old of before.levels) {
    const now = after.level(old.id);
    if (!now) {
      shrinks.push({ file: old.source.path, levelId: old.id, detail: 'level removed' });
      continue;
    }
    const lost: string[] = [];
    const [oldCompetencies, newCompetencies] = [old.competencies.length, now.competencies.length];
    if (newCompetencies < oldCompetencies) lost.push(`competencies ${oldCompetencies} → ${newCompetencies}`);
    const [oldItems, newItems] = [itemCount(old), itemCount(now)];
    if (newItems < oldItems) lost.push(`items ${oldItems} → ${newItems}`);
    if (lost.length > 0) shrinks.push({ file: now.source.path, levelId: old.id, detail: lost.join(', ') });
  }
  return shrinks;
}

function itemCount(level: Level): number {
  return level.competencies.reduce((n, c) => n + c.expectations.length + c.examples.length, 0);
}
