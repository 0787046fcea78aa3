import { alertBox, controls, emoji, errorAlert, levelLabel, pageTitle, trackSelect } from './components.js';
import { h, type Child } from './dom.js';
import { ApiError, request } from './graphql.client.js';
import { SEARCH, type SearchHit, type SearchResult } from './queries.js';
import { competencyAnchor, levelHref } from './routes.js';
import type { Rendered, ViewContext } from './view.js';

const KIND_LABEL: Record<SearchHit['kind'], string> = {
  LEVEL: 'Level',
  EXPECTATION: 'Expectation',
  EXAMPLE: 'Example',
};

/** /search?q=…&track=…: full-text search over titles, statements, expectations and examples. */
export async function searchView(params: URLSearchParams, ctx: ViewContext): Promise<Rendered> {
  const q = (params.get('q') ?? '').trim();
  const track = params.get('track');
  const tracks = await ctx.tracks();
  const form = controls(
    '/search',
    'Search the framework',
    h(
      'div',
      { class: 'field field--grow' },
      h('label', { for: 'search-q' }, 'Words to find'),
      h('input', { id: 'search-q', name: 'q', type: 'search', value: q, required: true, maxlength: '200' }),
    ),
    trackSelect({ id: 'search-track', name: 'track', label: 'Track', any: 'All tracks' }, tracks, track),
    h('button', { type: 'submit' }, 'Search'),
  );
  const title = pageTitle(q ? ['Search: ', h('q', null, q)] : 'Search');
  if (!q) {
    return {
      title: 'Search',
      nodes: [
        form,
        title,
        h(
          'p',
          { class: 'muted' },
          'Find levels, expectations and examples by their words; prefixes and small typos match.',
        ),
      ],
      focus: title,
    };
  }
  let results: Child;
  try {
    const { search } = await request<SearchResult>(SEARCH, { query: q, track: track || null, limit: 50 });
    results = hitList(search, q);
  } catch (error) {
    results =
      error instanceof ApiError && error.code === 'BAD_USER_INPUT'
        ? alertBox('This search cannot be run.', h('p', null, error.message))
        : errorAlert(error);
  }
  return { title: `${q} · Search`, nodes: [form, title, h('div', null, results)], focus: title };
}

function hitList(hits: readonly SearchHit[], q: string): Child {
  const count = h(
    'p',
    { class: 'result-count', role: 'status' },
    hits.length === 1 ? '1 result' : `${hits.length} results`,
  );
  if (hits.length === 0) {
    return [count, h('p', null, 'Nothing matches. Try fewer or shorter words.')];
  }
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 1);
  return [
    count,
    h(
      'ol',
      { class: 'hits' },
      hits.map((hit) => {
        const target = levelHref(hit.level.id, hit.competency ? competencyAnchor(hit.competency.slug) : '');
        return h(
          'li',
          { class: 'hit' },
          h(
            'p',
            { class: 'hit-meta' },
            h('span', { class: 'badge' }, KIND_LABEL[hit.kind]),
            ' ',
            h('a', { href: target }, hit.level.track.name, ' · ', levelLabel(hit.level)),
            hit.competency ? [' · ', emoji(hit.competency.emoji), hit.competency.name] : null,
          ),
          h('p', { class: 'hit-text' }, highlight(hit.text, new Set(hit.matchedTerms), words)),
        );
      }),
    ),
  ];
}

// How the server's index cuts and spells words (src/domain/search.ts, indexTerms): minisearch's
// tokenizer splits on white space and punctuation, and each word is NFC lower-cased in English.
const INDEX_SEPARATORS = /([\n\r\p{Z}\p{P}]+)/u;
const indexedForm = (word: string): string => word.normalize('NFC').toLocaleLowerCase('en');

/**
 * Marks every word of the text the server says matched (its typo and prefix matches, such as
 * "incident" for "incidnt", which the query's own letters do not find), and in the rest, as before,
 * where the searched words occur.
 */
function highlight(text: string, matchedTerms: ReadonlySet<string>, words: readonly string[]): Child[] {
  const parts: Child[] = [];
  let unmarked = '';
  const flush = () => {
    if (unmarked) parts.push(...highlightWords(unmarked, words));
    unmarked = '';
  };
  // split with a capturing group: words at even indices, the separators between them at odd ones
  text.split(INDEX_SEPARATORS).forEach((part, i) => {
    if (i % 2 === 0 && part && matchedTerms.has(indexedForm(part))) {
      flush();
      parts.push(h('mark', null, part));
    } else unmarked += part;
  });
  flush();
  return parts;
}

/** Marks where the searched words occur; prefixes match, so a word is marked from its start. */
function highlightWords(text: string, words: readonly string[]): Child[] {
  if (words.length === 0) return [text];
  const pattern = new RegExp(
    `(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'gi',
  );
  return text.split(pattern).map((part, i) => (i % 2 === 1 ? h('mark', null, part) : part));
}
