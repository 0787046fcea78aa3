// "Did you mean" for ids, shared by the API (suggest.ts) and the explorer's browser code, so both
// suggest the same ids for the same typo. scripts/build-explorer.js bundles it into the explorer and
// lets the browser code import only dependency-free src/domain modules, so this file imports nothing
// and uses no Node or DOM API, and carries its own edit distance instead of fastest-levenshtein.

/**
 * Up to `max` candidates closest to `wanted` by case-insensitive edit distance, best first, for "did
 * you mean" messages. Candidates further than about 40% of the wanted text's length are left out, so a
 * wild guess gets no suggestion rather than a random one. A candidate `track/code` is also compared by
 * its part after the first "/" (one edit dearer) when `wanted` has no "/", so "L3" suggests every
 * track's L3; and a track can be named by its initials ("sre/L2"). Ties go to the candidate whose trailing number is nearest (L9 → L5 before L1), then
 * alphabetical order.
 */
export function closestIds(candidates: readonly string[], wanted: string, max = 3): string[] {
  const target = wanted.trim().toLocaleLowerCase('en');
  const limit = Math.max(2, Math.ceil(target.length * 0.4));
  const wantedNumber = trailingNumber(target);
  const scored = candidates.map((id) => {
    const lower = id.toLocaleLowerCase('en');
    let d = editDistance(target, lower);
    const slash = lower.indexOf('/');
    if (!target.includes('/') && slash !== -1)
      d = Math.min(d, editDistance(target, lower.slice(slash + 1)) + 1);
    // "sre/L2": a track named by its initials, as people abbreviate them in conversation
    if (target.includes('/') && slash !== -1)
      d = Math.min(d, editDistance(target, initials(lower.slice(0, slash)) + lower.slice(slash)) + 1);
    const n = trailingNumber(lower);
    const numberGap =
      wantedNumber === null || n === null ? Number.MAX_SAFE_INTEGER : Math.abs(n - wantedNumber);
    return { id, d, numberGap };
  });
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || a.numberGap - b.numberGap || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(0, max))
    .map((s) => s.id);
}

/**
 * Levenshtein distance between two strings, by UTF-16 code unit (as fastest-levenshtein counts), with
 * one row of memory: ids are short and this runs only for an id that was not found.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** "site-reliability-engineer" → "sre". */
function initials(trackId: string): string {
  return trackId
    .split(/[-_\s]+/u)
    .map((word) => word.charAt(0))
    .join('');
}

function trailingNumber(text: string): number | null {
  const m = /(\d+)$/u.exec(text);
  return m ? Number(m[1]) : null;
}
