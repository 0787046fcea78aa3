import type { Level } from '../domain/entities';
import type { Framework } from '../domain/framework';

/** A level that lost most of its content between the version served and the one just loaded. */
export interface Shrink {
  /** The level's file, relative to the content directory: `software-engineer/L3.md`. */
  readonly file: string;
  readonly levelId: string;
  /** What shrank, for the log line: `competencies 4 → 1, items 38 → 9`, or `level removed`. */
  readonly detail: string;
}

/**
 * The levels of `before` that are gone from `after` or kept at most half of their competencies or
 * of their expectations and examples. Such a load is rarely what an author meant (a half-written
 * file, a folder moved away for a moment), so the store waits once more before serving it and the
 * operator is told.
 */
export function findShrinks(before: Framework, after: Framework): Shrink[] {
  const shrinks: Shrink[] = [];
  for (const old of before.levels) {
    const now = after.level(old.id);
    const file = old.source.path;
    if (!now) {
      shrinks.push({ file, levelId: old.id, detail: 'level removed' });
      continue;
    }
    const lost: string[] = [];
    const [oldCompetencies, newCompetencies] = [old.competencies.length, now.competencies.length];
    if (lostMost(oldCompetencies, newCompetencies))
      lost.push(`competencies ${oldCompetencies} → ${newCompetencies}`);
    const [oldItems, newItems] = [itemCount(old), itemCount(now)];
    if (lostMost(oldItems, newItems)) lost.push(`items ${oldItems} → ${newItems}`);
    if (lost.length > 0) shrinks.push({ file: now.source.path, levelId: old.id, detail: lost.join(', ') });
  }
  return shrinks;
}

/** More than half gone. */
function lostMost(before: number, after: number): boolean {
  return after * 2 < before;
}

function itemCount(level: Level): number {
  return level.competencies.reduce((n, c) => n + c.expectations.length + c.examples.length, 0);
}
