import { diffArrays } from 'diff';
import { spacedTokens } from '../text/words';
import type { SegmentKind, TextSegment } from './types';

/**
 * A word-level diff of two texts, computed by jsdiff over word tokens that carry their trailing white
 * space. jsdiff's own `diffWords` does not rebuild the old text (it takes the white space of equal runs
 * from the new one); `diffWordsWithSpace` does, but makes white space tokens of its own, which doubles
 * the tokens and the edit distance and so makes it about twice as slow, and its output alternates
 * finely around shared spaces. Here a run of changes becomes one deleted and one inserted segment, the
 * white space both sides of a run end with moves to the equal text after it ("proficient" → "advanced"
 * rather than "proficient " → "advanced "), and adjacent segments of the same kind are merged. Tokens
 * match on their words alone, so a word whose following white space changed stays equal text.
 */
export function textSegments(from: string, to: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let deleted = '';
  let inserted = '';
  const push = (kind: SegmentKind, text: string) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) segments[segments.length - 1] = { kind, text: last.text + text };
    else segments.push({ kind, text });
  };
  const flush = () => {
    // White space that ends both sides of a change is shared: show it as equal text.
    const shared = commonTrailingSpace(deleted, inserted);
    push('deleted', deleted.slice(0, deleted.length - shared.length));
    push('inserted', inserted.slice(0, inserted.length - shared.length));
    push('equal', shared);
    deleted = inserted = '';
  };
  const before = spacedTokens(from);
  const after = spacedTokens(to);
  let i = 0;
  let j = 0;
  // Tokens match on their word alone: "technologies " and "technologies" (before a full stop) are the
  // same word, and only the white space after it differs.
  for (const change of diffArrays(before, after, { comparator: (a, b) => a.trimEnd() === b.trimEnd() })) {
    const count = change.count ?? change.value.length;
    if (change.removed) {
      deleted += before.slice(i, (i += count)).join('');
    } else if (change.added) {
      inserted += after.slice(j, (j += count)).join('');
    } else {
      for (let k = 0; k < count; k++) {
        const old = before[i++]!;
        const now = after[j++]!;
        const word = old.trimEnd();
        flush();
        push('equal', word);
        // differing white space after a shared word belongs to the change that follows it
        if (old === now) push('equal', old.slice(word.length));
        else {
          deleted += old.slice(word.length);
          inserted += now.slice(word.length);
        }
      }
    }
  }
  flush();
  return segments;
}

function commonTrailingSpace(a: string, b: string): string {
  if (!a || !b) return '';
  let k = 0;
  while (k < a.length && k < b.length) {
    const c = a[a.length - 1 - k]!;
    if (c !== b[b.length - 1 - k] || !/\s/u.test(c)) break;
    k++;
  }
  return a.slice(a.length - k);
}
