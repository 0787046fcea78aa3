/**
 * Reverse tables (character → byte) for the upper halves of the two single-byte charsets that
 * mojibake in our content comes from. They are written out rather than built with TextDecoder
 * because Node builds without full ICU have no 'macintosh' decoder, and Node's 'windows-1252'
 * decodes as ISO-8859-1 (0x80 → U+0080 instead of €). A test checks the Mac Roman table against
 * TextDecoder where it exists.
 */

/** Mac OS Roman 0x80–0xFF (Apple's mapping since Mac OS 8.5: 0xDB is €, 0xF0 is the Apple logo U+F8FF). */
export const MAC_ROMAN_UPPER =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

/** Windows-1252 0x80–0x9F; 0xA0–0xFF are the same code points as the bytes (Latin-1). */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** A charset's reverse table and the name used in messages. */
export interface SingleByteCharset {
  readonly name: string;
  readonly byteOf: ReadonlyMap<number, number>;
}

function macRoman(): SingleByteCharset {
  const byteOf = new Map<number, number>();
  [...MAC_ROMAN_UPPER].forEach((ch, i) => byteOf.set(ch.codePointAt(0)!, 0x80 + i));
  // Older Apple tables and some converters use these code points for the same bytes.
  byteOf.set(0x2126, 0xbd); // OHM SIGN for Ω
  byteOf.set(0x00a4, 0xdb); // ¤, 0xDB before Mac OS 8.5
  return { name: 'Mac Roman', byteOf };
}

function windows1252(): SingleByteCharset {
  const byteOf = new Map<number, number>();
  // C1 controls stand for the same bytes: that is how ISO-8859-1 readers (Node's included) and
  // Windows-1252's five undefined positions come through.
  for (let b = 0x80; b <= 0xff; b++) byteOf.set(b, b);
  [...WINDOWS_1252_80_9F].forEach((ch, i) => byteOf.set(ch.codePointAt(0)!, 0x80 + i));
  return { name: 'Windows-1252', byteOf };
}

/** Tried in this order; on a tie the first wins (the documents we received came through a Mac). */
export const MOJIBAKE_CHARSETS: readonly SingleByteCharset[] = [macRoman(), windows1252()];
