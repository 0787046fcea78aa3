import { distance } from 'fastest-levenshtein';
import type { Framework } from './framework';

/**
 * Up to `max` candidates closest to `wanted` by case-insensitive edit distance, best first, for "did
 * you mean" messages. Candidates further than about 40% of the wanted text's length are left out, so a
 * wild guess gets no suggestion rather than a random one. A candidate `track/code` is also compared by
 * its part after the first "/" (one edit dearer) when `wanted` has no "/", so "L3" suggests every
 * track's L3. Ties go to the candidate whose trailing number is nearest (L9 → L5 before L1), then
 * alphabetical order.
 */
export function closestIds(candidates: readonly string[], wanted: string, max = 3): string[] {
  const target = wanted.trim().toLocaleLowerCase('en');
  const limit = Math.max(2, Math.ceil(target.length * 0.4));
  const wantedNumber = trailingNumber(target);
  const scored = candidates.map((id) => {
    const lower = id.toLocaleLowerCase('en');
    let d = distance(target, lower);
    const slash = lower.indexOf('/');
    if (!target.includes('/') && slash !== -1) d = Math.min(d, distance(target, lower.slice(slash + 1)) + 1);
    const n = trailingNumber(lower);
    const numberGap =
      wantedNumber === null || n === null ? Number.MAX_SAFE_INTEGER : Math.abs(n - wantedNumber);
    return { id, d, numberGap };
  });
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || a.numberGap - b.numberGap || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(0, max))
    .map((s) => s.id);
}

function trailingNumber(text: string): number | null {
  const m = /(\d+)$/u.exec(text);
  return m ? Number(m[1]) : null;
}

/** What to tell a caller who asked for a level that does not exist. */
export interface UnknownLevel {
  readonly message: string;
  /** The closest level ids, best first; empty when none is close. */
  readonly suggestions: string[];
}

/**
 * The message for an unknown level id, with suggestions among the levels a reader can see: drafts are
 * only suggested when the caller would have shown them.
 */
export function unknownLevel(framework: Framework, id: string, includeDrafts = false): UnknownLevel {
  const ids = framework.levels.filter((l) => includeDrafts || l.status === 'published').map((l) => l.id);
  const suggestions = closestIds(ids, id);
  if (suggestions.length > 0)
    return { message: `no level "${id}"; did you mean ${suggestions.join(', ')}?`, suggestions };
  const example = ids[0];
  const message = example
    ? `no level "${id}"; level ids are "<track>/<code>", such as "${example}"`
    : `no level "${id}"; no levels are loaded`;
  return { message, suggestions };
}
