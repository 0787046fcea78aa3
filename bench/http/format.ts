/** Numbers and tables as the harness prints them. */

/** A plain-text table: the first `leftColumns` columns left-aligned, the rest right-aligned. */
export function table(headers: string[], rows: string[][], leftColumns = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * A markdown table padded the way prettier pads one (every cell left-aligned to its column's
 * width), so it can be pasted into the README without reformatting.
 */
export function markdownTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ms = (n: number): string => n.toFixed(2);
export const ratio = (n: number): string => `${n.toFixed(2)}×`;
export const cores = (n: number | null): string => (n === null ? '?' : n.toFixed(2));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function medianOrNull(xs: readonly (number | null)[]): number | null {
  return xs.some((x) => x === null) ? null : median(xs as number[]);
}
