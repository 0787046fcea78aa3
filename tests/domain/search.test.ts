import {
  FrameworkSearch,
  indexTerms,
  MAX_QUERY_TERMS,
  matchedTermsBound,
  searchFor,
} from '../../src/domain/search';
import { competency, framework, level, track } from './fixtures';

const fw = framework(
  track('site-reliability-engineer', [
    level('L2', 2, {
      title: 'Site Reliability Engineer',
      summary: 'I keep production systems healthy.',
      competencies: [
        competency(
          'domain-expertise',
          ['I make appropriate scaling, reliability, and maintenance trade-offs.', 'I write clear runbooks.'],
          ['I improved the reliability of our alerting.', 'I automated a toil-heavy task.'],
        ),
      ],
    }),
    level('L3', 3, {
      title: 'Senior Site Reliability Engineer',
      summary: 'I ensure the resilience and reliability across a broad product capability.',
      competencies: [
        competency('teaching', ['I mentor others on incident reviews.'], ['I ran an incident review.']),
      ],
    }),
    level('L4', 4, {
      status: 'draft',
      title: 'Staff Site Reliability Engineer',
      competencies: [competency('secret', ['I obliterate pagers.'])],
    }),
  ]),
  track('software-engineer', [
    level('L2', 2, {
      title: 'Software Engineer',
      summary: 'I deliver features with my team.',
      competencies: [
        competency(
          'domain-expertise',
          ['I keep the reliability of my services in mind.'],
          ['I shipped a feature.'],
        ),
      ],
    }),
  ]),
);
const search = new FrameworkSearch(fw);

describe('FrameworkSearch', () => {
  it('finds words by prefix', () => {
    const hits = search.search('reliab', { limit: 50 });
    const ids = hits.map((h) => h.id);
    expect(ids).toContain('site-reliability-engineer/L2');
    expect(ids).toContain('site-reliability-engineer/L2/domain-expertise/e1');
    expect(ids).toContain('site-reliability-engineer/L2/domain-expertise/x1');
    expect(ids).toContain('software-engineer/L2/domain-expertise/e1');
  });

  it('tolerates typos', () => {
    expect(search.search('relability', { limit: 50 }).map((h) => h.id)).toContain(
      'site-reliability-engineer/L2/domain-expertise/x1',
    );
    expect(search.search('runboks', { limit: 5 })[0]?.id).toBe(
      'site-reliability-engineer/L2/domain-expertise/e2',
    );
  });

  it('ranks titles and summaries above expectations above examples for the same word', () => {
    const kinds = search.search('reliability', { limit: 50 }).map((h) => h.kind);
    const last = (k: string) => kinds.lastIndexOf(k as never);
    const first = (k: string) => kinds.indexOf(k as never);
    expect(last('level')).toBeLessThan(first('expectation'));
    expect(last('expectation')).toBeLessThan(first('example'));
    const incident = search.search('incident', { limit: 5 }).map((h) => h.kind);
    expect(incident).toEqual(['expectation', 'example']);
  });

  it('returns scores in descending order', () => {
    const scores = search.search('I team reliability engineer', { limit: 100 }).map((h) => h.score);
    expect(scores.length).toBeGreaterThan(5);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('describes hits', () => {
    const [hit] = search.search('runbooks', { limit: 1 });
    expect(hit).toEqual({
      kind: 'expectation',
      id: 'site-reliability-engineer/L2/domain-expertise/e2',
      text: 'I write clear runbooks.',
      score: expect.any(Number),
      levelId: 'site-reliability-engineer/L2',
      competencyId: 'site-reliability-engineer/L2/domain-expertise',
      matchedTerms: ['runbooks'],
    });
    const level = search.search('senior', { limit: 1 })[0]!;
    expect(level).toMatchObject({
      kind: 'level',
      text: 'Senior Site Reliability Engineer',
      competencyId: null,
    });
    const bySummary = search.search('resilience', { limit: 1 })[0]!;
    expect(bySummary.text).toBe(
      'Senior Site Reliability Engineer — I ensure the resilience and reliability across a broad product capability.',
    );
  });

  it("lists the words of a hit's text that matched, after typo and prefix matching", () => {
    const terms = (query: string) =>
      new Map(search.search(query, { limit: 50 }).map((h) => [h.id, h.matchedTerms]));
    const incident = terms('incidnt review');
    expect(incident.get('site-reliability-engineer/L3/teaching/e1')).toEqual(['incident', 'reviews']);
    expect(incident.get('site-reliability-engineer/L3/teaching/x1')).toEqual(['incident', 'review']);
    expect(terms('mentr').get('site-reliability-engineer/L3/teaching/e1')).toEqual(['mentor']);
    expect(terms('RELIAB').get('site-reliability-engineer/L2/domain-expertise/e1')).toEqual(['reliability']);
  });

  it('lists only the matched words a level hit shows: its title, and its summary when that matched', () => {
    const [byTitle] = search.search('senior', { limit: 1 });
    expect(byTitle).toMatchObject({ kind: 'level', matchedTerms: ['senior'] });
    const [bySummary] = search.search('resilience senior', { limit: 1 });
    expect(bySummary).toMatchObject({ kind: 'level', matchedTerms: ['resilience', 'senior'] });
    // the code matches but is not in the text, so nothing there is to be marked
    const byCode = search.search('L3', { limit: 5 }).find((h) => h.id === 'site-reliability-engineer/L3');
    expect(byCode?.matchedTerms).toEqual([]);
  });

  it('keeps every hit within matchedTermsBound, each term a word of its text', () => {
    const bound = matchedTermsBound(fw);
    for (const hit of search.search('I team reliability engineer incident mentor', { limit: 100 })) {
      expect(hit.matchedTerms.length).toBeLessThanOrEqual(bound);
      for (const term of hit.matchedTerms) expect(indexTerms(hit.text)).toContain(term);
    }
  });

  it('filters by track before applying the limit', () => {
    const hits = search.search('reliability', { track: 'software-engineer', limit: 1 });
    expect(hits.map((h) => h.id)).toEqual(['software-engineer/L2/domain-expertise/e1']);
    expect(search.search('reliability', { track: 'nope', limit: 10 })).toEqual([]);
    expect(search.search('reliability', { track: null, limit: 100 }).length).toBeGreaterThan(1);
  });

  it('applies the limit', () => {
    expect(search.search('i', { limit: 3 })).toHaveLength(3);
    expect(search.search('reliability', { limit: 0 })).toEqual([]);
  });

  it('leaves drafts out', () => {
    expect(search.search('obliterate', { limit: 10 })).toEqual([]);
    expect(search.search('staff', { limit: 10 })).toEqual([]);
  });

  it('returns nothing for a query without words', () => {
    expect(search.search('   ', { limit: 10 })).toEqual([]);
    expect(search.search('?!—…', { limit: 10 })).toEqual([]);
    expect(search.search('zzzzqqq', { limit: 10 })).toEqual([]);
  });
});

describe('FrameworkSearch on costly queries', () => {
  const ids = (query: string, limit = 100) => search.search(query, { limit }).map((h) => h.id);
  const letters = 'abcdefghijklmnopqrstuvwxyz';

  it('answers 80 one-letter words, matching them as whole words only', () => {
    const query = Array.from({ length: 80 }, (_, i) => letters[i % 26]).join(' ');
    const hits = search.search(query, { limit: 100 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(100);
    // "a" and "i" are words of the fixture; as prefixes they would match nearly everything too.
    expect(hits.every((h) => /\b[a-l]\b/i.test(h.text))).toBe(true);
  });

  it('answers 200 characters of distinct words', () => {
    const query =
      'reliability incident runbooks alerting pipeline mentor review trade-offs scaling maintenance production healthy capability resilience features obliterate toil automated dashboards owl';
    expect(query.length).toBeLessThanOrEqual(200);
    const hits = search.search(query, { limit: 100 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.score)).toEqual(hits.map((h) => h.score).sort((a, b) => b - a));
  });

  it('searches the first MAX_QUERY_TERMS distinct words, each once', () => {
    const filler = Array.from({ length: MAX_QUERY_TERMS }, (_, i) => `zq${letters[i]}x`);
    expect(ids(`${filler.join(' ')} runbooks`)).toEqual([]);
    expect(ids(`${filler.slice(1).join(' ')} runbooks`)).toContain(
      'site-reliability-engineer/L2/domain-expertise/e2',
    );
    expect(search.search('runbooks runbooks RUNBOOKS', { limit: 5 })).toEqual(
      search.search('runbooks', { limit: 5 }),
    );
  });

  it('still matches typos and prefixes of longer words, but not prefixes of one or two letters', () => {
    expect(ids('incidnt')).toContain('site-reliability-engineer/L3/teaching/e1');
    expect(ids('runb')).toContain('site-reliability-engineer/L2/domain-expertise/e2');
    expect(ids('res')).toContain('site-reliability-engineer/L3');
    expect(ids('ru')).toEqual([]);
    expect(ids('re')).toEqual([]);
  });
});

describe('searchFor', () => {
  it('keeps one index per Framework', () => {
    expect(searchFor(fw)).toBe(searchFor(fw));
    const reloaded = framework(track('t', [level('L1', 1, { title: 'Fresh' })]));
    expect(searchFor(reloaded)).not.toBe(searchFor(fw));
    expect(searchFor(reloaded).search('fresh', { limit: 1 })[0]?.id).toBe('t/L1');
  });
});
