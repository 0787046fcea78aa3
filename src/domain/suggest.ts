import { closestIds } from './closest-ids';
import type { Framework } from './framework';

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
