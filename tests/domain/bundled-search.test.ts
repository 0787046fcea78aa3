import { FrameworkSearch, type SearchHit } from '../../src/domain/search';
import { bundledFramework } from '../support/bundled';

// Search ranking on the bundled content, asserted as properties so that content edits do not break it.

let search: FrameworkSearch;

beforeAll(async () => {
  search = new FrameworkSearch(await bundledFramework());
});

/** The positions, in one answer, of the hits of a kind whose text has the word (or a longer form). */
function positions(hits: readonly SearchHit[], kind: SearchHit['kind'], word: string): number[] {
  const has = new RegExp(`\\b${word}`, 'i');
  return hits.flatMap((hit, i) => (hit.kind === kind && has.test(hit.text) ? [i] : []));
}

describe('search ranking on the bundled content', () => {
  it('ranks every expectation with "incident" above every example with it', () => {
    const hits = search.search('incident', { limit: 100 });
    const expectations = positions(hits, 'expectation', 'incident');
    const examples = positions(hits, 'example', 'incident');
    // Both kinds say "incident" and "incidents" several times in the bundled content.
    expect(expectations.length).toBeGreaterThanOrEqual(3);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...expectations)).toBeLessThan(Math.min(...examples));
  });

  it.each(['reliability', 'review', 'mentor'])(
    'ranks levels, then expectations, then examples for "%s"',
    (word) => {
      const hits = search.search(word, { limit: 100 });
      const levels = positions(hits, 'level', word);
      const expectations = positions(hits, 'expectation', word);
      const examples = positions(hits, 'example', word);
      expect(expectations.length).toBeGreaterThan(0);
      expect(examples.length).toBeGreaterThan(0);
      if (levels.length > 0) expect(Math.max(...levels)).toBeLessThan(Math.min(...expectations));
      expect(Math.max(...expectations)).toBeLessThan(Math.min(...examples));
    },
  );

  it('still finds a typo and a prefix of a longer word', () => {
    expect(search.search('incidnt', { limit: 100 }).some((h) => /\bincident/i.test(h.text))).toBe(true);
    expect(search.search('observab', { limit: 100 }).some((h) => /\bobservability/i.test(h.text))).toBe(true);
  });
});
