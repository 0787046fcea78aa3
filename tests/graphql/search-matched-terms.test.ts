import type { Framework } from '../../src/domain/framework';
import { indexTerms } from '../../src/domain/search';
import { contentSizes } from '../../src/graphql/cost/sizes';
import { bundledFramework } from '../support/bundled';
import { execute } from './execute';

// SearchHit.matchedTerms on the bundled content: what the explorer marks in a hit, as properties so
// that content edits do not break them.

type Hit = { text: string; matchedTerms: string[] };

let framework: Framework;

beforeAll(async () => {
  framework = await bundledFramework();
});

async function search(query: string): Promise<Hit[]> {
  const result = await execute(
    framework,
    `query S($q: String!) { search(query: $q, limit: 50) { text matchedTerms } }`,
    { q: query },
  );
  expect(result.errors).toBeUndefined();
  return (result.data as { search: Hit[] }).search;
}

describe('SearchHit.matchedTerms', () => {
  it('has the indexed words a typo or a prefix matched, not only the typed ones', async () => {
    const incident = await search('incidnt review');
    expect(incident.some((h) => h.matchedTerms.includes('incident'))).toBe(true);
    expect(incident.some((h) => h.matchedTerms.some((t) => t.startsWith('review')))).toBe(true);
    const mentor = await search('mentr');
    expect(mentor.length).toBeGreaterThan(0);
    expect(mentor.some((h) => h.matchedTerms.includes('mentor'))).toBe(true);
  });

  it("lists only words of the hit's text, lower-cased, within the size the cost estimate charges", async () => {
    const bound = contentSizes(framework).sizes.get('SearchHit.matchedTerms')!;
    expect(bound).toBeGreaterThan(0);
    for (const query of ['incidnt review', 'mentr', 'Reliability team', 'senior']) {
      const hits = await search(query);
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(hit.matchedTerms.length).toBeGreaterThan(0);
        expect(hit.matchedTerms.length).toBeLessThanOrEqual(bound);
        const words = indexTerms(hit.text);
        for (const term of hit.matchedTerms) {
          expect(term).toBe(term.toLocaleLowerCase('en'));
          expect(words).toContain(term);
        }
      }
    }
  });
});
