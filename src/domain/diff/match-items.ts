import { textSimilarity } from '../text/similarity';
import type { Candidates } from './candidates';
import { COUNTERPART_THRESHOLD, counterpartCandidates } from './counterparts';
import { rewordingCandidates } from './rewordings';
import { textSegments } from './segments';
import type { TextChange, TextDiffOptions } from './types';

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
 * STOPWORDS and reaches the threshold is a candidate rewording; candidates are taken best first (ties by
 * position), so each item ends up with its best still-free partner rather than the first that clears
 * the bar. Given `weights`, what is still unpaired is then matched as counterparts (the same idea in
 * other words, as between two tracks; see counterparts.ts) the same way, best first. Whatever is left is
 * added or removed.
 *
 * Counterparts come after rewordings, and only among what rewordings left, so a rewording is never
 * displaced by a counterpart: within a track, where items are edited rather than rewritten, the pairs
 * stay those of the word similarity alone. Best-first rather than an optimal assignment (Hungarian)
 * over the scores: an assignment that maximises the total can give up a clearly best pair for two
 * middling ones, which a reader does not expect; on the bundled content, where counterparts above the
 * threshold rarely compete for an item, the two agree (scripts/diff-pairing.ts counts both).
 *
 * The result follows `to`'s order. A removed item goes right after the item that preceded it in `from`
 * and was kept or reworded (after that item's place in `to`), or first when nothing before it was kept;
 * several removed items at one place keep `from`'s order. So removals sit where they stood, ahead of any
 * additions at the same place, as in a unified diff.
 */
export function diffTexts(
  from: readonly string[],
  to: readonly string[],
  options: TextDiffOptions = {},
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

  const take = (candidates: Candidates, similarity: (i: number, j: number, k: number) => number) => {
    for (const k of candidates.bestFirst) {
      const i = candidates.from[k]!;
      const j = candidates.to[k]!;
      if (partnerOfFrom[i] !== -1 || partnerOfTo[j] !== -1) continue;
      partnerOfFrom[i] = j;
      partnerOfTo[j] = i;
      similarityOfTo[j] = similarity(i, j, k);
    }
  };
  const rewordings = rewordingCandidates(from, to, partnerOfFrom, partnerOfTo, threshold);
  take(rewordings, (_i, _j, k) => rewordings.similarity[k]!);
  const counterpartThreshold = options.counterpartThreshold ?? COUNTERPART_THRESHOLD;
  // No score exceeds 1, so a threshold above it skips the stage (and its term weights) altogether.
  if (options.weights && counterpartThreshold <= 1) {
    const counterparts = counterpartCandidates(
      from,
      to,
      partnerOfFrom,
      partnerOfTo,
      options.weights,
      counterpartThreshold,
    );
    // Reported as their word similarity, like every other change, so `similarity` keeps one meaning.
    take(counterparts, (i, j) => textSimilarity(from[i]!, to[j]!));
  }

  return changesFromPairs(from, to, partnerOfTo, similarityOfTo);
}

/**
 * The changes of two lists of sentences once their items are paired (`partnerOfTo[j]` is the `from`
 * index paired with `to[j]`, or -1), in the order {@link diffTexts} describes: `to`'s order, each
 * removed item right after the kept or reworded item that preceded it in `from`.
 */
export function changesFromPairs(
  from: readonly string[],
  to: readonly string[],
  partnerOfTo: ArrayLike<number>,
  similarityOfTo: ArrayLike<number>,
): TextChange[] {
  const partnerOfFrom = new Int32Array(from.length).fill(-1);
  for (let j = 0; j < to.length; j++) if (partnerOfTo[j]! !== -1) partnerOfFrom[partnerOfTo[j]!] = j;
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
