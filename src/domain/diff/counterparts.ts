import { contentTerms } from '../text/terms';
import { bestFirst, NO_CANDIDATES, type Candidates } from './candidates';

/**
 * Lowest counterpart score ({@link counterpartScore}) at which two items that no rewording paired are
 * shown as one changed item. Calibrated with scripts/diff-pairing.ts on the bundled content as issue
 * 13 found it: between the software engineer and SRE tracks, level by level, the 32 pairs counterparts
 * add (technical debt, helping newer engineers, unglamorous work, shipping from idea to production,
 * breaking work into increments, interviewing candidates…, all ones a reader makes) scored 0.31 to 0.64,
 * while no removed × added pair of adjacent levels of one track scored above 0.25 ("I ask questions in
 * shared channels so that others benefit…" against "I share context…so others can make good
 * decisions"). 0.28 sits in that gap. On the cumulative rewrite of the content that followed, where an
 * item at one level grows into one at the next, the same threshold pairs 25 more items across tracks and
 * 37 between adjacent levels, nearly all a growth of one idea ("I shadowed interviews…" → "I performed
 * regular interviews…"); the highest pair it leaves scores 0.279 and is one too.
 */
export const COUNTERPART_THRESHOLD = 0.28;

/**
 * How much each content term ({@link contentTerms}) counts when pairing counterparts: its inverse
 * document frequency over a corpus of sentences, ln((N + 1) / (df + 0.5)). Across tracks the same idea
 * is written in different words, and what two such sentences share is usually one or two telling words
 * ("unglamorous", "debt", "increment") among common ones ("team", "help", "work"); weighting by rarity
 * lets the telling words decide. The +1 and +0.5 keep a term that is in every sentence slightly above
 * zero and one the corpus lacks finite.
 */
export class TermWeights {
  // Computed on first use: a diff in which every item is kept never needs a weight.
  private weights: Map<string, number> | null = null;
  private readonly totals = new Map<string, number>();

  private constructor(private readonly corpus: readonly string[]) {}

  /** Weights over these sentences, each one document (a sentence given twice counts twice). */
  static over(texts: readonly string[]): TermWeights {
    return new TermWeights(texts);
  }

  /** The distinct content terms of a sentence. */
  terms(text: string): readonly string[] {
    return contentTerms(text);
  }

  weight(term: string): number {
    const weights = (this.weights ??= this.count());
    return weights.get(term) ?? Math.log((this.corpus.length + 1) / 0.5);
  }

  /** The sum of the weights of a sentence's distinct terms. */
  total(text: string): number {
    let total = this.totals.get(text);
    if (total === undefined) {
      total = 0;
      for (const term of contentTerms(text)) total += this.weight(term);
      this.totals.set(text, total);
    }
    return total;
  }

  private count(): Map<string, number> {
    const frequency = new Map<string, number>();
    for (const text of this.corpus)
      for (const term of contentTerms(text)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    const documents = this.corpus.length;
    for (const [term, df] of frequency) frequency.set(term, Math.log((documents + 1) / (df + 0.5)));
    return frequency;
  }
}

/**
 * How much two sentences are about the same thing, in 0..1: the weighted Dice coefficient of their
 * content terms, 2·w(A∩B) / (w(A) + w(B)), with w the sum of {@link TermWeights}. Unlike the rewording
 * similarity it ignores word order and function words, and "ships"/"shipped" or "larger"/"large" count
 * as one term; 0 when they share no content term.
 */
export function counterpartScore(a: string, b: string, weights: TermWeights): number {
  const theirs = new Set(weights.terms(b));
  let shared = 0;
  for (const term of weights.terms(a)) if (theirs.has(term)) shared += weights.weight(term);
  const total = weights.total(a) + weights.total(b);
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * Unpaired pairs whose counterpart score reaches the threshold. As for rewordings, an inverted index of
 * terms finds the pairs that share one, accumulating their shared weight as it goes, so pairs with
 * nothing in common cost nothing.
 */
export function counterpartCandidates(
  from: readonly string[],
  to: readonly string[],
  partnerOfFrom: Int32Array,
  partnerOfTo: Int32Array,
  weights: TermWeights,
  threshold: number,
): Candidates {
  if (!partnerOfFrom.includes(-1) || !partnerOfTo.includes(-1)) return NO_CANDIDATES;
  const totalOfTo = new Float64Array(to.length);
  // term → to positions holding it
  const postings = new Map<string, number[]>();
  for (let j = 0; j < to.length; j++) {
    if (partnerOfTo[j] !== -1) continue;
    totalOfTo[j] = weights.total(to[j]!);
    for (const term of weights.terms(to[j]!)) {
      const list = postings.get(term);
      if (list) list.push(j);
      else postings.set(term, [j]);
    }
  }
  if (postings.size === 0) return NO_CANDIDATES;

  const result = { from: [] as number[], to: [] as number[], similarity: [] as number[] };
  const shared = new Float64Array(to.length);
  const touched = new Int32Array(to.length);
  for (let i = 0; i < from.length; i++) {
    if (partnerOfFrom[i] !== -1) continue;
    let touchedCount = 0;
    for (const term of weights.terms(from[i]!)) {
      const list = postings.get(term);
      if (!list) continue;
      const weight = weights.weight(term);
      for (const j of list) {
        if (shared[j] === 0) touched[touchedCount++] = j;
        shared[j] = shared[j]! + weight;
      }
    }
    const totalOfFrom = weights.total(from[i]!);
    // In to order, so that candidates are recorded by (from, to) position.
    for (const j of touched.subarray(0, touchedCount).sort()) {
      const score = (2 * shared[j]!) / (totalOfFrom + totalOfTo[j]!);
      shared[j] = 0;
      if (score < threshold) continue;
      result.from.push(i);
      result.to.push(j);
      result.similarity.push(score);
    }
  }
  return { ...result, bestFirst: bestFirst(result.similarity) };
}
