/**
 * "Did you mean" for ids the API answers with plain null (level(id:), track(id:)): the closest known ids
 * by edit distance, as the API's own BAD_USER_INPUT suggestions for diffLevels are chosen.
 */
export function closestIds(candidates: readonly string[], wanted: string, max = 3): string[] {
  const target = wanted.trim().toLowerCase();
  const limit = Math.max(2, Math.ceil(target.length * 0.4));
  return candidates
    .map((id) => ({ id, d: distance(target, id.toLowerCase()) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
    .slice(0, max)
    .map((c) => c.id);
}

/** Levenshtein distance with one row of memory: the ids are short. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
