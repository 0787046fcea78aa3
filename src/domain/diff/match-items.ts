import { lcsLength } from '../text/similarity';
import { STOPWORDS } from '../text/stopwords';
import { words } from '../text/words';
import { textSegments } from './segments';
import type { DiffOptions, TextChange } from './types';

/**
 * Lowest similarity (2·LCS/(|a|+|b|) over normalised words) at which an item that disappeared and one
 * that appeared are shown as one reworded item. Calibrated by scoring every removed × added pair of the
 * bundled content's adjacent levels: on SRE and software engineer L2→L3 every genuine rewording scores
 * ≥ 0.69 ("proficient" → "advanced" in an otherwise identical sentence: 0.86) and every unrelated pair
 * ≤ 0.42; over all eight adjacent steps the lowest rewording is 0.63 and the highest unrelated pair 0.42.
 * 0.5 sits in that gap, nearer the unrelated side because a wrong "changed" still shows its whole word
 * diff, while a missed rewording hides that it is one. tests/domain/bundled-diff.test.ts fails when a
 * content edit puts a pair within 0.05 of it.
 */
export const REWORDING_THRESHOLD = 0.5;

/**
 * Matches two lists of sentences (the expectations, or the examples, of one competency at two levels).
 *
 * Identical texts pair first, one-to-one in order. Of the rest, every pair that shares a word outside
 * STOPWORDS and reaches the threshold is a candidate; candidates are taken best first (ties by
 * position), so each item ends up with its best still-free partner rather than the first that clears
 * the bar. Whatever is left is added or removed.
 *
 * The result follows `to`'s order. A removed item goes right after the item that preceded it in `from`
 * and was kept or reworded (after that item's place in `to`), or first when nothing before it was kept;
 * several removed items at one place keep `from`'s order. So removals sit where they stood, ahead of any
 * additions at the same place, as in a unified diff.
 */
export function diffTexts(
  from: readonly string[],
  to: readonly string[],
  options: DiffOptions = {},
): TextChange[] {
  const threshold = options.threshold ?? REWORDING_THRESHOLD;
  const partnerOfFrom = new Int32Array(from.length).fill(-1);
  const partnerOfTo = new Int32Array(to.length).fill(-1);
  const similarityOfTo = new Float64Array(to.length);

  const identical = new Map<string, number[]>();
  from.forEach((text, i) => {
    const queue = identical.get(text);
    if (queue) queue.push(i);
    else identical.set(text, [i]);
  });
  to.forEach((text, j) => {
    const i = identical.get(text)?.shift();
    if (i === undefined) return;
    partnerOfFrom[i] = j;
    partnerOfTo[j] = i;
    similarityOfTo[j] = 1;
  });

  const candidates = rewordingCandidates(from, to, partnerOfFrom, partnerOfTo, threshold);
  for (const k of candidates.bestFirst) {
    const i = candidates.from[k]!;
    const j = candidates.to[k]!;
    if (partnerOfFrom[i] !== -1 || partnerOfTo[j] !== -1) continue;
    partnerOfFrom[i] = j;
    partnerOfTo[j] = i;
    similarityOfTo[j] = candidates.similarity[k]!;
  }

  // removedAfter[j + 1] lists the removed items that go right after to[j]; removedAfter[0] those first.
  const removedAfter: number[][] = Array.from({ length: to.length + 1 }, () => []);
  let anchor = -1;
  for (let i = 0; i < from.length; i++) {
    if (partnerOfFrom[i] !== -1) anchor = partnerOfFrom[i]!;
    else removedAfter[anchor + 1]!.push(i);
  }

  const changes: TextChange[] = [];
  const pushRemoved = (slot: number) => {
    for (const i of removedAfter[slot]!) changes.push(removed(from[i]!, i + 1));
  };
  pushRemoved(0);
  for (let j = 0; j < to.length; j++) {
    const i = partnerOfTo[j]!;
    const text = to[j]!;
    if (i === -1) changes.push(added(text, j + 1));
    else if (from[i] === text) changes.push(unchanged(text, i + 1, j + 1));
    else changes.push(changed(from[i]!, text, i + 1, j + 1, similarityOfTo[j]!));
    pushRemoved(j + 1);
  }
  return changes;
}

/** Candidate rewordings as parallel arrays, with the order to take them in. */
interface Candidates {
  readonly from: number[];
  readonly to: number[];
  readonly similarity: number[];
  /** Indexes into the arrays: highest similarity first, ties by from position, then to position. */
  readonly bestFirst: Uint32Array;
}

/** Numbers words, so the LCS compares integers and the index is keyed by them. */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** By word id: whether the word is in STOPWORDS. */
  readonly stopword: boolean[] = [];

  encode(text: string): Int32Array {
    const list = words(text);
    const ids = new Int32Array(list.length);
    for (let k = 0; k < list.length; k++) {
      const word = list[k]!;
      let id = this.ids.get(word);
      if (id === undefined) {
        id = this.stopword.length;
        this.ids.set(word, id);
        this.stopword.push(STOPWORDS.has(word));
      }
      ids[k] = id;
    }
    return ids;
  }
}

/** A sentence's word ids, and its non-stopwords as distinct ids with their number of occurrences. */
interface Encoded {
  readonly ids: Int32Array;
  readonly stopwords: number;
  /** [id, occurrences, id, occurrences, …] */
  readonly content: number[];
}

function encode(vocabulary: Vocabulary, text: string): Encoded {
  const ids = vocabulary.encode(text);
  const sorted = ids.slice().sort();
  const content: number[] = [];
  let stopwords = 0;
  for (let k = 0; k < sorted.length;) {
    const id = sorted[k]!;
    let end = k + 1;
    while (end < sorted.length && sorted[end] === id) end++;
    if (vocabulary.stopword[id]) stopwords += end - k;
    else content.push(id, end - k);
    k = end;
  }
  return { ids, stopwords, content };
}

/**
 * Unpaired pairs at or above the threshold. Comparing every pair with an LCS is quadratic twice over, so
 * an inverted index of non-stopwords finds the pairs that share one, and the size of their shared word
 * multiset (an upper bound of the LCS) discards those that cannot reach the threshold before the LCS runs.
 */
function rewordingCandidates(
  from: readonly string[],
  to: readonly string[],
  partnerOfFrom: Int32Array,
  partnerOfTo: Int32Array,
  threshold: number,
): Candidates {
  const result = { from: [] as number[], to: [] as number[], similarity: [] as number[] };
  if (!partnerOfFrom.includes(-1) || !partnerOfTo.includes(-1))
    return { ...result, bestFirst: new Uint32Array(0) };
  const vocabulary = new Vocabulary();
  const toWords: Encoded[] = [];
  // word id → [to position, occurrences, to position, occurrences, …]
  const postings = new Map<number, number[]>();
  for (let j = 0; j < to.length; j++) {
    if (partnerOfTo[j] !== -1) continue;
    const encoded = encode(vocabulary, to[j]!);
    toWords[j] = encoded;
    const { content } = encoded;
    for (let k = 0; k < content.length; k += 2) {
      const list = postings.get(content[k]!);
      if (list) list.push(j, content[k + 1]!);
      else postings.set(content[k]!, [j, content[k + 1]!]);
    }
  }
  if (postings.size === 0) return { ...result, bestFirst: new Uint32Array(0) };

  const shared = new Int32Array(to.length);
  const touched = new Int32Array(to.length);
  for (let i = 0; i < from.length; i++) {
    if (partnerOfFrom[i] !== -1) continue;
    const a = encode(vocabulary, from[i]!);
    let touchedCount = 0;
    for (let k = 0; k < a.content.length; k += 2) {
      const list = postings.get(a.content[k]!);
      if (!list) continue;
      const count = a.content[k + 1]!;
      for (let p = 0; p < list.length; p += 2) {
        const j = list[p]!;
        if (shared[j] === 0) touched[touchedCount++] = j;
        const other = list[p + 1]!;
        shared[j] = shared[j]! + (count < other ? count : other);
      }
    }
    // In to order, so that candidates are recorded by (from, to) position.
    for (const j of touched.subarray(0, touchedCount).sort()) {
      const b = toWords[j]!;
      const total = a.ids.length + b.ids.length;
      const sharedStopwords = a.stopwords < b.stopwords ? a.stopwords : b.stopwords;
      const bound = (2 * (shared[j]! + sharedStopwords)) / total;
      shared[j] = 0;
      if (bound < threshold) continue;
      const similarity = (2 * lcsLength(a.ids, b.ids)) / total;
      if (similarity < threshold) continue;
      result.from.push(i);
      result.to.push(j);
      result.similarity.push(similarity);
    }
  }
  return { ...result, bestFirst: bestFirst(result.similarity) };
}

/**
 * Indexes of the candidates by similarity, highest first, keeping recording order among equals. A
 * comparison sort of a thousand items' candidates costs more than finding them, but similarities are
 * ratios of small integers and take few distinct values, so grouping by value and sorting the values is
 * cheap, and stable.
 */
function bestFirst(similarity: readonly number[]): Uint32Array {
  const groups = new Map<number, number[]>();
  similarity.forEach((value, k) => {
    const group = groups.get(value);
    if (group) group.push(k);
    else groups.set(value, [k]);
  });
  const order = new Uint32Array(similarity.length);
  let next = 0;
  for (const value of new Float64Array(groups.keys()).sort().reverse())
    for (const k of groups.get(value)!) order[next++] = k;
  return order;
}

// Positions are 1-based, as in the item ids (`…/e2` is position 2).
function added(text: string, toPosition: number): TextChange {
  return {
    status: 'added',
    from: null,
    to: text,
    fromPosition: null,
    toPosition,
    similarity: 0,
    segments: [{ kind: 'inserted', text }],
  };
}

function removed(text: string, fromPosition: number): TextChange {
  return {
    status: 'removed',
    from: text,
    to: null,
    fromPosition,
    toPosition: null,
    similarity: 0,
    segments: [{ kind: 'deleted', text }],
  };
}

function unchanged(text: string, fromPosition: number, toPosition: number): TextChange {
  return {
    status: 'unchanged',
    from: text,
    to: text,
    fromPosition,
    toPosition,
    similarity: 1,
    segments: [{ kind: 'equal', text }],
  };
}

function changed(
  from: string,
  to: string,
  fromPosition: number,
  toPosition: number,
  similarity: number,
): TextChange {
  return {
    status: 'changed',
    from,
    to,
    fromPosition,
    toPosition,
    similarity,
    segments: textSegments(from, to),
  };
}
