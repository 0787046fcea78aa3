/** Candidate pairs (rewordings or counterparts) as parallel arrays, with the order to take them in. */
export interface Candidates {
  readonly from: readonly number[];
  readonly to: readonly number[];
  /** The score the pairs are ranked by. */
  readonly similarity: readonly number[];
  /** Indexes into the arrays: highest similarity first, ties by from position, then to position. */
  readonly bestFirst: Uint32Array;
}

/** No candidates. */
export const NO_CANDIDATES: Candidates = { from: [], to: [], similarity: [], bestFirst: new Uint32Array(0) };

/**
 * Indexes of the candidates by similarity, highest first, keeping recording order among equals. A
 * comparison sort of a thousand items' candidates costs more than finding them, but similarities are
 * ratios of small integers and take few distinct values, so grouping by value and sorting the values is
 * cheap, and stable. (Counterpart scores are weighted, so nearly all distinct, but there are few of them.)
 */
export function bestFirst(similarity: readonly number[]): Uint32Array {
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
