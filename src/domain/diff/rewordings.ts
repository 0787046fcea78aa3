import { lcsLength } from '../text/similarity';
import { STOPWORDS } from '../text/stopwords';
import { words } from '../text/words';
import { bestFirst, type Candidates } from './candidates';

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
export function rewordingCandidates(
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
