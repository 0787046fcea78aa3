/**
 * The forms strings are served and compared in. Content, filters, search and the diff all go through
 * these, so that "the same text" means the same thing everywhere.
 */

const NON_ASCII = /[\u0080-\uffff]/;

/** True when every character is below U+0080: the cheap paths here and in words.ts hinge on it. */
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** Folds runs of white space to one space, trims, and normalises to NFC: how every string is served. */
export function plainText(s: string): string {
  // Testing first is cheaper than replacing: most sentences have single spaces only.
  const folded = (/\s\s|[^\S ]/.test(s) ? s.replace(/\s+/g, ' ') : s).trim();
  // NFC is the costliest step and a no-op on ASCII, which most sentences are.
  return isAscii(folded) ? folded : folded.normalize('NFC');
}

/**
 * NFC, then lower case with the English locale, so the result does not depend on the server's
 * locale; white space is kept as it is (for single words, such as a search index's terms).
 */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('en');
}

/**
 * The form two user-facing strings are compared in: {@link plainText} (so a composed and a decomposed
 * "é" agree, and spacing does not count), lower-cased as in {@link foldCase}.
 */
export function normaliseForMatch(text: string): string {
  return plainText(text).toLocaleLowerCase('en');
}

/** `Café` → `Cafe`: compatibility decomposition with the combining marks dropped; other scripts kept. */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}
