import stem from 'wink-porter2-stemmer';
import { STOPWORDS } from './stopwords';
import { words } from './words';

/**
 * Words the framework uses for one idea that the stemmer keeps apart, each group joined under its first
 * member. Porter2 strips inflections ("increments", "incremental" → "increment") but not comparatives
 * ("larger") and knows no synonyms. Kept short on purpose: each group was added for a pair of sentences
 * a reader matches at once (software engineer L3 "I break large features into small … increments" and
 * SRE L3 "I decompose larger requirements into smaller … pieces … incremental"), then checked against
 * every pair it adds on the bundled content (scripts/diff-pairing.ts prints them).
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['break', 'decompose', 'split'],
  ['increment', 'piece', 'slice'],
  ['large', 'larger', 'big', 'bigger'],
  ['small', 'smaller'],
  ['new', 'newer'],
];

/**
 * Words beyond STOPWORDS that say little about what a sentence is about, yet are rare enough in the
 * framework to weigh as much as a telling word: "I am willing to take on the necessary and unglamorous
 * work needed to get things done" is about unglamorous work, not about getting or needing.
 */
const GENERIC: ReadonlySet<string> = new Set([
  'able',
  'across',
  'done',
  'every',
  'get',
  'getting',
  'just',
  'many',
  'much',
  'need',
  'needed',
  'needs',
  'several',
  'sure',
  'thing',
  'things',
  'way',
  'ways',
  'whole',
  'willing',
  'within',
]);

const CANONICAL: ReadonlyMap<string, string> = new Map(
  SYNONYMS.flatMap((group) => group.map((word) => [stem(word), stem(group[0]!)] as const)),
);

// Stemming is the costly step and sentences repeat their words, so stems are kept per word. The
// vocabulary of a framework is a few thousand words; the cap keeps odd input from growing it forever.
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 50_000;

function term(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    const stemmed = stem(word);
    result = CANONICAL.get(stemmed) ?? stemmed;
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    stems.set(word, result);
  }
  return result;
}

// The framework's sentences are diffed again and again, so their terms are kept too, within a bound.
const termsOf = new Map<string, readonly string[]>();
const MAX_CACHED_SENTENCES = 20_000;

/**
 * What a sentence is about, as a set: its {@link words} outside STOPWORDS and GENERIC, stemmed with
 * Porter2 and with the synonyms above joined, each once, in order of first appearance. `"I identify and
 * pay down technical debt."` → `["identifi", "pay", "down", "technic", "debt"]`.
 */
export function contentTerms(text: string): readonly string[] {
  let terms = termsOf.get(text);
  if (!terms) {
    const seen = new Set<string>();
    for (const word of words(text)) if (!STOPWORDS.has(word) && !GENERIC.has(word)) seen.add(term(word));
    terms = [...seen];
    if (termsOf.size >= MAX_CACHED_SENTENCES) termsOf.clear();
    termsOf.set(text, terms);
  }
  return terms;
}
