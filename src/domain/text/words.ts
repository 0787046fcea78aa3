import { foldAccents, foldCase, isAscii } from './normalise';

// Three ways to cut a sentence into words, for three questions. They differ on purpose: the diff's
// similarity keeps accents ("résumé" is not "resume") but not apostrophes; the loader's duplicate check
// ignores accents too; the diff's segments must give the text back. Nearly every sentence is ASCII,
// and Unicode property classes make a regex several times slower, so each takes a path with plain
// classes for ASCII text, where lower-casing is also the same in every locale.

// Apostrophes (and the backslash some editors leave before them) are dropped rather than split on,
// so "team's", "team’s" and "team\'s" all become the single word "teams".
const APOSTROPHES = /\\?['’‘ʼ`]/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_APOSTROPHES = /\\?['`]/g;
const ASCII_WORD = /[a-z0-9]+/g;

/**
 * The words of a sentence for similarity: NFC, lower-cased, apostrophes removed, split on anything that
 * is not a letter or a digit, so punctuation and spacing never make two wordings differ.
 */
export function words(text: string): string[] {
  if (isAscii(text)) return text.toLowerCase().replace(ASCII_APOSTROPHES, '').match(ASCII_WORD) ?? [];
  return foldCase(text).replace(APOSTROPHES, '').match(WORD) ?? [];
}

/**
 * The words of a sentence with case and accents ignored: lower-cased, marks dropped, split on anything
 * that is not a letter or a digit (apostrophes included), for telling whether two sentences repeat
 * each other.
 */
export function foldedWords(text: string): string[] {
  const lower = text.toLowerCase();
  // Tested after lower-casing, which can turn a non-ASCII letter (the Kelvin sign) into an ASCII one.
  if (isAscii(lower)) return lower.match(ASCII_WORD) ?? [];
  return foldAccents(lower).match(WORD) ?? [];
}

/** Whether a string holds at least one letter or digit, i.e. anything worth searching for. */
export function hasWordCharacters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

// A word with the white space after it, a run of punctuation with the white space after it, or white
// space at the start. Concatenated, the tokens are the text again.
const SPACED_TOKEN = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*\s*|[^\p{L}\p{N}_\s]+\s*|\s+/gu;
const ASCII_SPACED_TOKEN = /[A-Za-z0-9_]+(?:'[A-Za-z0-9_]+)*\s*|[^A-Za-z0-9_\s]+\s*|\s+/g;

/**
 * A sentence cut into words (an inner apostrophe kept, as in "team's") and runs of punctuation, each
 * with the white space after it, plus any white space at the start: joined, they rebuild the sentence
 * exactly, which a word-level diff that shows both texts needs.
 */
export function spacedTokens(text: string): string[] {
  return text.match(isAscii(text) ? ASCII_SPACED_TOKEN : SPACED_TOKEN) ?? [];
}
