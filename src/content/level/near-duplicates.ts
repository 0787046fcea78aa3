import type { ItemData } from '../../domain/framework';
import { foldedWords } from '../../domain/text/words';

/** Jaccard similarity of word sets at or above which two expectations count as the same. */
const SIMILARITY = 0.9;
/** Pairwise comparison is quadratic; past this many expectations in a level only exact matches are checked. */
const MAX_PAIRWISE = 400;

/** A later expectation that repeats an earlier one in the same level. */
export interface NearDuplicate {
  readonly earlier: ItemData;
  readonly later: ItemData;
}

/**
 * Expectations in one level that say the same thing: the same words once case, accents and
 * punctuation are ignored, or word sets that overlap almost entirely (a reordered sentence).
 * Each later item is reported once, against the first item it repeats.
 */
export function nearDuplicateExpectations(items: readonly ItemData[]): NearDuplicate[] {
  const lists = items.map((item) => foldedWords(item.text));
  const words = lists.map((list) => new Set(list));
  const found: NearDuplicate[] = [];
  const firstByKey = new Map<string, number>();
  const reported = new Set<number>();
  lists.forEach((list, i) => {
    // Word order counts here; reordered sentences are the pairwise check's job.
    const key = list.join(' ');
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, i);
    else if (list.length > 0) {
      found.push({ earlier: items[first]!, later: items[i]! });
      reported.add(i);
    }
  });
  if (items.length <= MAX_PAIRWISE) {
    for (let j = 1; j < items.length; j++) {
      if (reported.has(j)) continue;
      for (let i = 0; i < j; i++) {
        if (similar(words[i]!, words[j]!)) {
          found.push({ earlier: items[i]!, later: items[j]! });
          break;
        }
      }
    }
  }
  return found.sort((a, b) => a.later.source.line - b.later.source.line);
}

function similar(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size / large.size < SIMILARITY) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / (a.size + b.size - shared) >= SIMILARITY;
}
