/**
 * Text normalisation shared by the domain operations, so that filtering, attribute dropdowns and the
 * diff's word similarity agree on what "the same words" means.
 */

/**
 * The form two user-facing strings are compared in: Unicode NFC (so a composed and a decomposed "é"
 * agree), surrounding white space trimmed, inner runs of white space folded to one space, and
 * lower-cased with the English locale (so the result does not depend on the server's locale).
 */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('en');
}

// Apostrophes (and the backslash some editors leave before them) are dropped rather than split on,
// so "team's", "team’s" and "team\'s" all become the single word "teams".
const APOSTROPHES = /\\?['’‘ʼ`]/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const NON_ASCII = /[\u0080-\uffff]/;
const ASCII_APOSTROPHES = /\\?['`]/g;
const ASCII_WORD = /[a-z0-9]+/g;

/**
 * The words of a sentence for similarity: NFC, lower-cased, apostrophes removed, split on anything that
 * is not a letter or a digit, so punctuation and spacing never make two wordings differ.
 */
export function words(text: string): string[] {
  // Nearly every sentence is ASCII, and Unicode property classes make a regex several times slower, so
  // ASCII text takes a path with plain classes; lower-casing ASCII is the same in every locale.
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(ASCII_APOSTROPHES, '').match(ASCII_WORD) ?? [];
  return text.normalize('NFC').toLocaleLowerCase('en').replace(APOSTROPHES, '').match(WORD) ?? [];
}

/** Whether a string holds at least one letter or digit, i.e. anything worth searching for. */
export function hasWordCharacters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * Function words that say nothing about what a sentence is about. Two items must share at least one
 * word outside this list before the diff considers them rewordings of each other; that rule also lets
 * the diff skip most pairs without computing their similarity.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'about',
  'after',
  'all',
  'also',
  'am',
  'an',
  'and',
  'any',
  'are',
  'as',
  'at',
  'be',
  'been',
  'being',
  'both',
  'but',
  'by',
  'can',
  'could',
  'did',
  'do',
  'does',
  'each',
  'for',
  'from',
  'had',
  'has',
  'have',
  'how',
  'i',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'me',
  'more',
  'most',
  'my',
  'no',
  'not',
  'of',
  'on',
  'or',
  'other',
  'our',
  'out',
  'over',
  'own',
  'so',
  'some',
  'such',
  'than',
  'that',
  'the',
  'their',
  'them',
  'then',
  'there',
  'these',
  'they',
  'this',
  'those',
  'through',
  'to',
  'up',
  'us',
  'very',
  'was',
  'we',
  'were',
  'what',
  'when',
  'where',
  'which',
  'while',
  'who',
  'will',
  'with',
  'would',
  'you',
  'your',
]);
