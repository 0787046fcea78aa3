import MiniSearch, { type SearchResult } from 'minisearch';
import type { Framework } from './framework';
import { foldCase } from './text/normalise';
import { hasWordCharacters } from './text/words';

/** What a search hit points at. */
export type SearchHitKind = 'level' | 'expectation' | 'example';

/** One search result. */
export interface SearchHit {
  readonly kind: SearchHitKind;
  /** The id of the level, expectation or example that matched. */
  readonly id: string;
  /** A level's title (with " — " and its summary when the summary matched), or the item's sentence. */
  readonly text: string;
  /** Relevance; higher is better, only comparable within one answer. */
  readonly score: number;
  readonly levelId: string;
  /** Null for level hits. */
  readonly competencyId: string | null;
  /**
   * The indexed words of `text` that matched the query after prefix and typo matching (lower-cased
   * as the index has them, see {@link indexTerms}), sorted: what a reader would mark, since the query's
   * own words may not appear in the text at all ("incidnt" matches "incident").
   */
  readonly matchedTerms: readonly string[];
}

/** Options of {@link FrameworkSearch.search}. */
export interface SearchOptions {
  /** Only hits on this track (by exact id); null or absent for every track. */
  readonly track?: string | null;
  /** Most hits to return. */
  readonly limit: number;
}

interface SearchDocument {
  readonly id: string;
  readonly kind: SearchHitKind;
  readonly levelId: string;
  readonly competencyId: string | null;
  readonly trackId: string;
  readonly title?: string;
  readonly summary?: string;
  readonly code?: string;
  readonly text?: string;
}

// Titles and summaries weigh more than expectations, and those more than examples (README). Field boosts
// rank a word in a level's title above the same word in its summary, and both above an item's sentence;
// the kind weight then doubles at each step, so that for one word every expectation that has it ranks
// above every example that has it: BM25's spread within a kind (a word used twice, a short sentence)
// stays under 2 on the bundled content, and a hit that matches more words of a query still comes first.
const FIELD_BOOST = { title: 3, code: 3, summary: 2, text: 1 };
const KIND_BOOST: Record<SearchHitKind, number> = { level: 3, expectation: 2, example: 1 };
/**
 * Weights of a prefix and a typo match against an exact one (1). An inflection is a prefix match
 * ("incidents" for "incident"), and at minisearch's default 0.375 it counted for so little that the
 * four expectations saying "incidents" ranked 14th to 17th for "incident", under eleven examples
 * saying "incident" (issue 13). 0.8 keeps the exact word first and its inflections close behind.
 */
const MATCH_WEIGHTS = { prefix: 0.8, fuzzy: 0.45 };

/**
 * The work one search may do is bounded, whatever the query: 200 characters of one-letter words once
 * took 100–350 ms, since each word was expanded to every indexed term it begins (and minisearch
 * searches a repeated word again each time). Only this many distinct words of a query are searched
 * for, in the order given; a person's query rarely has more, and the rest would only add noise.
 */
export const MAX_QUERY_TERMS = 12;
/** Shorter words match only exactly: "a" as a prefix would match a fifth of the vocabulary. */
const MIN_PREFIX_LENGTH = 3;
/**
 * Typo tolerance is one edit per five characters, from four characters up (one edit in a three-letter
 * word matches most three-letter words), and never more than two edits, which already reach far in a
 * vocabulary of a few thousand words.
 */
const FUZZINESS = 0.2;
const MIN_FUZZY_LENGTH = 4;
const MAX_FUZZY = 2;

const tokenize: (text: string) => string[] = MiniSearch.getDefault('tokenize');

/**
 * Full-text search over one Framework's published levels (title, summary, code), expectations and
 * examples: prefix matching ("reliab" finds "reliability") and typo tolerance of one edit per five
 * characters. Drafts are not indexed, since the search question has no way to ask for them. The index is
 * built once in the constructor; use {@link searchFor} to share one per Framework.
 */
export class FrameworkSearch {
  private readonly index: MiniSearch<SearchDocument>;
  private readonly documents = new Map<string, SearchDocument>();

  constructor(framework: Framework) {
    this.index = new MiniSearch<SearchDocument>({
      fields: ['title', 'summary', 'code', 'text'],
      storeFields: ['trackId'],
      processTerm: foldCase,
      searchOptions: {
        prefix: (term: string) => term.length >= MIN_PREFIX_LENGTH,
        fuzzy: (term: string) => (term.length >= MIN_FUZZY_LENGTH ? FUZZINESS : false),
        maxFuzzy: MAX_FUZZY,
        weights: MATCH_WEIGHTS,
        boost: FIELD_BOOST,
        boostDocument: (id: string) => KIND_BOOST[this.documents.get(id)?.kind ?? 'example'],
      },
    });
    for (const level of framework.levels) {
      if (level.status !== 'published') continue;
      this.add({
        id: level.id,
        kind: 'level',
        levelId: level.id,
        competencyId: null,
        trackId: level.trackId,
        title: level.title,
        code: level.code,
        ...(level.summary !== null && { summary: level.summary }),
      });
      for (const competency of level.competencies)
        for (const item of [...competency.expectations, ...competency.examples])
          this.add({
            id: item.id,
            kind: item.kind,
            levelId: level.id,
            competencyId: competency.id,
            trackId: level.trackId,
            text: item.text,
          });
    }
  }

  /**
   * The best `limit` hits, highest score first (equal scores by id); [] for a query without words. Only
   * the first {@link MAX_QUERY_TERMS} distinct words of the query count.
   */
  search(query: string, options: SearchOptions): SearchHit[] {
    if (!hasWordCharacters(query) || options.limit <= 0) return [];
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const track = options.track ?? null;
    const results = this.index.search(terms.join(' '), {
      ...(track !== null && { filter: (r: SearchResult) => r['trackId'] === track }),
    });
    return results
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, options.limit)
      .map((r) => this.hit(r));
  }

  private add(document: SearchDocument): void {
    this.documents.set(document.id, document);
    this.index.add(document);
  }

  private hit(result: SearchResult): SearchHit {
    const doc = this.documents.get(result.id as string)!;
    let text = doc.text ?? doc.title ?? '';
    let shown: readonly string[] = doc.kind === 'level' ? ['title'] : ['text'];
    if (
      doc.kind === 'level' &&
      doc.summary &&
      Object.values(result.match).some((f) => f.includes('summary'))
    ) {
      text = `${doc.title} — ${doc.summary}`;
      shown = ['title', 'summary'];
    }
    // A level's code can match ("L3") without being in its text; only words the reader sees are listed,
    // which also keeps the list within the words of the text (the cost estimate's bound).
    const matchedTerms = result.terms
      .filter((term) => result.match[term]?.some((f) => shown.includes(f)))
      .sort();
    return {
      kind: doc.kind,
      id: doc.id,
      text,
      score: result.score,
      levelId: doc.levelId,
      competencyId: doc.competencyId,
      matchedTerms,
    };
  }
}

/**
 * The words of a text as the index spells them: minisearch's tokenizer (split on white space and
 * punctuation), then {@link foldCase}. The explorer's highlighting cuts a hit's text the same way.
 */
export function indexTerms(text: string): string[] {
  return tokenize(text)
    .map(foldCase)
    .filter((term) => term !== '');
}

/** The distinct terms of a query, as the index spells them, at most MAX_QUERY_TERMS of them. */
function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const term of indexTerms(query)) {
    terms.add(term);
    if (terms.size === MAX_QUERY_TERMS) break;
  }
  return [...terms];
}

/**
 * The most matched terms one hit can have on this content: the distinct words of the longest hit
 * text (a level's title with its summary, or an item's sentence), drafts included like every size.
 */
export function matchedTermsBound(framework: Framework): number {
  const distinct = (text: string) => new Set(indexTerms(text)).size;
  let most = 0;
  for (const level of framework.levels) {
    most = Math.max(most, distinct(`${level.title} ${level.summary ?? ''}`));
    for (const competency of level.competencies)
      for (const item of [...competency.expectations, ...competency.examples])
        most = Math.max(most, distinct(item.text));
  }
  return most;
}

const searches = new WeakMap<Framework, FrameworkSearch>();

/**
 * The search index of a Framework, built on first use and kept as long as the Framework lives, so a
 * reload's new Framework gets a fresh index and the old one is collected with it.
 */
export function searchFor(framework: Framework): FrameworkSearch {
  let search = searches.get(framework);
  if (!search) {
    search = new FrameworkSearch(framework);
    searches.set(framework, search);
  }
  return search;
}
