import { words } from './words';

/**
 * How alike two word sequences are, in 0..1: 2·LCS / (|a| + |b|), where LCS is the length of their
 * longest common subsequence of words. Unlike a bag-of-words measure it rewards words kept in the same
 * order, which is what a rewording looks like; two empty sequences are identical (1).
 */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  return (2 * lcsLength(a, b)) / total;
}

/** {@link wordSimilarity} of two sentences, over their normalised words. */
export function textSimilarity(a: string, b: string): number {
  return wordSimilarity(words(a), words(b));
}

// The one row of the LCS table, reused between calls (they never overlap) and grown when needed.
let row = new Uint16Array(64);

/** Length of the longest common subsequence of two sequences, in O(|a|·|b|) time and O(min) memory. */
export function lcsLength<T extends string | number>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const n = short.length;
  if (n === 0) return 0;
  if (row.length <= n) row = new Uint16Array(2 * n + 1);
  row.fill(0, 0, n + 1);
  // row[j] is the LCS of the long prefix so far and short[0..j); `diagonal` carries the previous
  // row's value one column to the left.
  for (let i = 0; i < long.length; i++) {
    const item = long[i];
    let diagonal = 0;
    for (let j = 1; j <= n; j++) {
      const above = row[j]!;
      const left = row[j - 1]!;
      // A comparison rather than Math.max: this loop is the diff's hottest, and Math calls are far
      // slower where the global Math comes from another realm (as in jest's sandbox).
      row[j] = item === short[j - 1] ? diagonal + 1 : above > left ? above : left;
      diagonal = above;
    }
  }
  return row[n]!;
}
