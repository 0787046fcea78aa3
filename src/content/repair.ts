import { MOJIBAKE_CHARSETS, type SingleByteCharset } from './charsets';
import { problem, type ContentProblem } from './problem';

/** The repaired text (same lines as the input) and one warning per repair. */
export interface RepairResult {
  readonly text: string;
  readonly problems: ContentProblem[];
}

const BOM = 0xfeff;

/**
 * Undoes UTF-8 that was decoded as Mac Roman or Windows-1252 and saved again, and removes stray
 * byte order marks. Works on maximal runs of non-ASCII characters, never across a line break, so
 * line numbers stay valid. A run is only changed where its characters, turned back into bytes,
 * form valid UTF-8 sequences: a lone accented letter (`café`, `naïve`) never does, which is what
 * keeps real text safe.
 */
export function repairText(text: string, path: string): RepairResult {
  // Fast path: most files are plain ASCII.
  if (!/[\u0080-\uffff]/.test(text)) return { text, problems: [] };
  const problems: ContentProblem[] = [];
  const lines = new LineTracker(text);
  const out: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/[\u0080-\uffff]+/g)) {
    const run = match[0];
    const start = match.index;
    const chars = Array.from(run);
    let best: { charset: string; sequences: Sequence[]; consumed: number } | null = null;
    for (const charset of MOJIBAKE_CHARSETS) {
      const sequences = findSequences(chars, charset);
      const consumed = sequences.reduce((n, s) => n + s.length, 0);
      if (consumed > 0 && (!best || consumed > best.consumed))
        best = { charset: charset.name, sequences, consumed };
    }
    const rebuilt = rebuild(chars, best?.sequences ?? []);
    if (best) {
      const { line, column } = lines.at(start + rebuilt.firstRepairOffset);
      problems.push(
        problem(
          'repaired-mojibake',
          path,
          line,
          column,
          `"${visible(run)}" is UTF-8 that was read as ${best.charset}; it was repaired to "${visible(rebuilt.text)}". ` +
            'Save the repaired text as UTF-8 to silence this warning.',
        ),
      );
    }
    for (const offset of rebuilt.droppedBoms) {
      const { line, column } = lines.at(start + offset);
      problems.push(
        problem(
          'stray-bom',
          path,
          line,
          column,
          'An invisible byte order mark (U+FEFF) inside the text was removed; delete it from the file.',
        ),
      );
    }
    if (rebuilt.text !== run) {
      out.push(text.slice(last, start), rebuilt.text);
      last = start + run.length;
    }
  }
  if (last === 0) return { text, problems };
  out.push(text.slice(last));
  return { text: out.join(''), problems };
}

interface Sequence {
  /** Index into the run's code points. */
  readonly start: number;
  readonly length: number;
  readonly codePoint: number;
}

/** The UTF-8 sequences the run spells when its characters are read back as bytes of `charset`. */
function findSequences(chars: readonly string[], charset: SingleByteCharset): Sequence[] {
  const bytes = chars.map((c) => charset.byteOf.get(c.codePointAt(0)!) ?? -1);
  const found: Sequence[] = [];
  for (let i = 0; i < bytes.length;) {
    const previousEnd =
      found.length > 0 ? found[found.length - 1]!.start + found[found.length - 1]!.length : 0;
    const sequence = sequenceAt(bytes, i) ?? (i === previousEnd ? lostLeadEmoji(bytes, i) : null);
    if (sequence) {
      found.push(sequence);
      i += sequence.length;
    } else {
      i++;
    }
  }
  return found.filter((s, k) => plausible(s, found[k - 1], found[k + 1]));
}

/** The run with `sequences` decoded and any BOM left over dropped; offsets are UTF-16, within the run. */
function rebuild(
  chars: readonly string[],
  sequences: readonly Sequence[],
): { text: string; firstRepairOffset: number; droppedBoms: number[] } {
  const pieces: string[] = [];
  const droppedBoms: number[] = [];
  let firstRepairOffset = -1;
  let offset = 0;
  let next = 0;
  for (let i = 0; i < chars.length;) {
    const s = sequences[next];
    if (s && s.start === i) {
      if (firstRepairOffset < 0) firstRepairOffset = offset;
      pieces.push(String.fromCodePoint(s.codePoint));
      for (let k = 0; k < s.length; k++) offset += chars[i + k]!.length;
      i += s.length;
      next++;
      continue;
    }
    const c = chars[i]!;
    if (c.codePointAt(0) === BOM) droppedBoms.push(offset);
    else pieces.push(c);
    offset += c.length;
    i++;
  }
  return { text: pieces.join(''), firstRepairOffset: Math.max(0, firstRepairOffset), droppedBoms };
}

/** The UTF-8 sequence whose lead byte is at `i`, if the bytes there form a valid one. */
function sequenceAt(bytes: readonly number[], i: number): Sequence | null {
  const lead = bytes[i]!;
  const length =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;
  if (length === 0 || i + length > bytes.length) return null;
  for (let k = 1; k < length; k++) if (!isContinuation(bytes[i + k]!)) return null;
  const second = bytes[i + 1]!;
  // The same rules as a strict UTF-8 decoder: no overlong forms, no surrogates, nothing past U+10FFFF.
  if (lead === 0xe0 && second < 0xa0) return null;
  if (lead === 0xed && second > 0x9f) return null;
  if (lead === 0xf0 && second < 0x90) return null;
  if (lead === 0xf4 && second > 0x8f) return null;
  let codePoint = lead & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) codePoint = (codePoint << 6) | (bytes[i + k]! & 0x3f);
  return { start: i, length, codePoint };
}

/**
 * `ü¶â` alone: an emoji whose lead byte 0xF0 was lost. In Mac Roman that byte is the Apple logo
 * U+F8FF, a private-use character that tools outside Apple's world drop or cannot show. Only taken
 * when the three characters stand alone (the run starts, or a repaired sequence ends, right before
 * them; the run ends or another emoji follows) and decode to a pictograph: real words almost never
 * put three such letters together.
 */
function lostLeadEmoji(bytes: readonly number[], i: number): Sequence | null {
  if (bytes[i] !== 0x9f || i + 3 > bytes.length) return null;
  if (i + 3 < bytes.length && bytes[i + 3] !== 0x9f && bytes[i + 3] !== 0xf0) return null;
  const tail = [bytes[i + 1]!, bytes[i + 2]!];
  if (!tail.every(isContinuation)) return null;
  const codePoint = 0x1f000 | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
  if (!/\p{Extended_Pictographic}/u.test(String.fromCodePoint(codePoint))) return null;
  return { start: i, length: 3, codePoint };
}

function isContinuation(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

/**
 * Two-byte sequences are the ones that occur by accident in real text (Mac Roman `“é` is valid
 * UTF-8 for Cyrillic `Ҏ`), so they are only taken for Latin letters, the common mojibake, or when
 * they sit next to another repaired sequence (a whole word of Greek or Cyrillic).
 */
function plausible(s: Sequence, before: Sequence | undefined, after: Sequence | undefined): boolean {
  if (s.length > 2) return s.codePoint !== 0xfffe && s.codePoint !== 0xffff;
  if (s.codePoint < 0xa0) return false;
  if (s.codePoint <= 0x24f) return true;
  const touches = (o: Sequence | undefined) =>
    o !== undefined && (o.start + o.length === s.start || s.start + s.length === o.start);
  return touches(before) || touches(after);
}

/** Shows invisible characters in messages as `<U+FEFF>`, and cuts long runs short. */
function visible(s: string): string {
  const chars = Array.from(s);
  const shown = chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : s;
  return shown.replace(/[\p{Cc}\p{Cf}\p{Zs}\p{Co}]/gu, (c) =>
    c === ' ' ? c : `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/** Turns offsets into 1-based line and column, scanning forward only, so a file costs one pass. */
class LineTracker {
  private line = 1;
  private lineStart = 0;
  private scanned = 0;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    if (offset < this.scanned) {
      this.line = 1;
      this.lineStart = 0;
      this.scanned = 0;
    }
    for (let i = this.scanned; i < offset; i++) {
      if (this.text.charCodeAt(i) === 10) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.scanned = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}
