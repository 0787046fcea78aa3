import { textSegments } from './diff/segments';
import { scopeKey } from './progression-scales';
import { contentTerms } from './text/terms';

/**
 * The most content terms a restatement may drop, and the most it may add, and still be a trivial
 * step: one word swapped ("I review my team's runbooks" → "I check my team's runbooks"). Terms are
 * contentTerms (stemmed, stopwords and generic words left out), so a change of inflection, of
 * function words, of punctuation or of word order counts as nothing. Tuned on the bundled
 * framework: of the 58 items its levels grow from a lower one, 16 change at most one term each way,
 * and every one of those changes a word of scope (my team → several teams) or of proficiency
 * (proficient → advanced), which scopeKey tells apart; the other 42 change two terms or more.
 */
export const TRIVIAL_TERMS = 1;

/** How a higher item restates the lower one it grows from. */
export interface Restatement {
  /** Few words changed and none of scope, proficiency, role or horizon. */
  readonly trivial: boolean;
  /** Content terms of the lower item the higher one drops, and those it adds. */
  readonly removed: readonly string[];
  readonly added: readonly string[];
  /** What changed, for a message: `only "follow" became "apply"`. */
  readonly summary: string;
}

/** Compares a lower item with the higher one that grows from it, over the diff's word segments. */
export function restatement(from: string, to: string): Restatement {
  const segments = textSegments(from, to);
  const text = (kind: 'deleted' | 'inserted') =>
    segments
      .filter((s) => s.kind === kind)
      .map((s) => s.text.trim())
      .filter((s) => s.length > 0);
  const deleted = text('deleted');
  const inserted = text('inserted');
  const deletedTerms = contentTerms(deleted.join(' '));
  const insertedTerms = contentTerms(inserted.join(' '));
  const removed = deletedTerms.filter((t) => !insertedTerms.includes(t));
  const added = insertedTerms.filter((t) => !deletedTerms.includes(t));
  const trivial =
    removed.length <= TRIVIAL_TERMS && added.length <= TRIVIAL_TERMS && scopeKey(from) === scopeKey(to);
  return { trivial, removed, added, summary: summary(deleted, inserted, removed, added) };
}

function summary(
  deleted: readonly string[],
  inserted: readonly string[],
  removed: readonly string[],
  added: readonly string[],
): string {
  if (removed.length === 0 && added.length === 0)
    return 'only small words, word endings or word order changed';
  const quoted = (parts: readonly string[]) => parts.map((p) => `"${p}"`).join(', ');
  if (deleted.length === 0) return `only ${quoted(inserted)} added`;
  if (inserted.length === 0) return `only ${quoted(deleted)} removed`;
  return `only ${quoted(deleted)} changed to ${quoted(inserted)}`;
}
