import fc from 'fast-check';
import { COUNTERPART_THRESHOLD, counterpartScore, TermWeights } from '../../src/domain/diff/counterparts';
import { diffLevels } from '../../src/domain/diff/levels';
import { diffTexts, REWORDING_THRESHOLD } from '../../src/domain/diff/match-items';
import type { LevelDiff, TextChange } from '../../src/domain/diff/types';
import { textSimilarity } from '../../src/domain/text/similarity';
import { competency, framework, level, track } from './fixtures';

// Two tracks that say the same things in their own words, in the style of the bundled L3 levels. Each
// competency also holds items with no counterpart, which must stay added or removed.
const fw = framework(
  track('backend-engineer', [
    level('L3', 3, {
      competencies: [
        competency(
          'domain-expertise',
          [
            "I am advanced in my team's codebase.",
            'I identify and pay off technical debt while I build features.',
            'I write readable, well-tested code that is easy to change.',
          ],
          [
            'I interviewed candidates for my team and wrote clear, fair feedback.',
            'I profiled a slow endpoint and halved its latency.',
          ],
        ),
        competency(
          'teaching',
          [
            'I regularly help newer engineers get productive in our services.',
            'I encourage curiosity and experimentation in my team.',
          ],
          ['I mentored an intern through their first release.', 'I gave a talk on our caching layer.'],
        ),
        competency(
          'culture',
          [
            'I take on unglamorous work such as flaky tests and dependency upgrades.',
            'I give feedback openly and respectfully.',
          ],
          ['I ran a retrospective that changed how we plan.'],
        ),
        competency('customer', [
          'I ship features from idea to production and check how they perform.',
          'I break big features into small increments that can be released on their own.',
          'I use experiments to decide what to build next.',
        ]),
      ],
    }),
  ]),
  track('platform-engineer', [
    level('L3', 3, {
      competencies: [
        competency(
          'domain-expertise',
          [
            "I am advanced in my team's domain.",
            "I identify, size and reduce technical debt in line with my team's priorities.",
            'I automate the toil that pages my team at night.',
          ],
          [
            'I performed regular interviews of candidates and gave useful feedback.',
            'I migrated our clusters to a new orchestrator.',
          ],
        ),
        competency(
          'teaching',
          [
            'I regularly help new hires and more junior engineers to level up over time.',
            'I write runbooks that other teams can follow.',
          ],
          [
            'I coached a new intern until they could release without help.',
            'I recorded a walkthrough of our deploy pipeline.',
          ],
        ),
        competency(
          'culture',
          [
            'I am willing to take on the unglamorous work that keeps things running.',
            'I manage difficult conversations tactfully.',
          ],
          ['I facilitated an incident review without blame.'],
        ),
        competency('customer', [
          'I ship ideas from conception to production.',
          'I decompose larger requirements into smaller pieces that I deliver incrementally.',
          'I advocate for what customers need from our platform.',
        ]),
      ],
    }),
  ]),
);
const backend = fw.level('backend-engineer/L3')!;
const platform = fw.level('platform-engineer/L3')!;

const changes = (d: LevelDiff): TextChange[] =>
  d.competencies.flatMap((c) => [...c.expectations, ...c.examples]);
const pairs = (d: LevelDiff): [string | null, string | null][] =>
  changes(d)
    .filter((c) => c.from !== null && c.to !== null)
    .map((c) => [c.from, c.to]);
const partnerOf = (d: LevelDiff, words: string) =>
  changes(d).find((c) => c.from?.includes(words))?.to ?? null;

describe('diffLevels across tracks', () => {
  const diff = diffLevels(backend, platform);

  it.each([
    ['technical debt', 'reduce technical debt'],
    ['newer engineers', 'level up'],
    ['unglamorous work such as', 'unglamorous work that'],
    ['from idea to production', 'from conception to production'],
    ['small increments', 'smaller pieces'],
    ['interviewed candidates', 'regular interviews'],
    ['mentored an intern', 'coached a new intern'],
  ])('pairs "%s" with its counterpart "%s"', (from, to) => {
    expect(partnerOf(diff, from)).toContain(to);
  });

  it('keeps the rewording, and leaves items without a counterpart unpaired', () => {
    expect(changes(diff).find((c) => c.from === "I am advanced in my team's codebase.")).toMatchObject({
      status: 'changed',
      to: "I am advanced in my team's domain.",
    });
    for (const alone of [
      'I write readable, well-tested code that is easy to change.',
      'I profiled a slow endpoint and halved its latency.',
      'I encourage curiosity and experimentation in my team.',
      'I gave a talk on our caching layer.',
      'I give feedback openly and respectfully.',
      'I ran a retrospective that changed how we plan.',
      'I use experiments to decide what to build next.',
    ])
      expect([alone, partnerOf(diff, alone)]).toEqual([alone, null]);
    expect(diff.summary).toEqual({ added: 7, removed: 7, changed: 8, unchanged: 0 });
  });

  it('reports a counterpart with its word similarity, below the rewording threshold, and a word diff', () => {
    const debt = changes(diff).find((c) => c.from?.includes('technical debt'))!;
    expect(debt.status).toBe('changed');
    expect(debt.similarity).toBeCloseTo(textSimilarity(debt.from!, debt.to!));
    expect(debt.similarity).toBeLessThan(REWORDING_THRESHOLD);
    expect(debt.segments.filter((s) => s.kind === 'equal').map((s) => s.text.trim())).toContain(
      'technical debt',
    );
  });

  it('pairs the same items both ways round', () => {
    const back = diffLevels(platform, backend);
    expect(pairs(back).map(([a, b]) => [b, a])).toEqual(expect.arrayContaining(pairs(diff)));
    expect(pairs(back)).toHaveLength(pairs(diff).length);
  });

  it('pairs no counterparts when the threshold is above 1', () => {
    const strict = diffLevels(backend, platform, { counterpartThreshold: 2 });
    expect(strict.summary).toEqual({ added: 13, removed: 13, changed: 2, unchanged: 0 });
  });
});

describe('counterparts never displace rewordings', () => {
  it('keeps every pair that rewordings make, and only adds to them', () => {
    const from = [
      'I plan capacity for the storage cluster every quarter.',
      'I take on unglamorous work gladly.',
    ];
    const to = [
      'Unglamorous work is something I volunteer for.',
      'I plan capacity for the storage cluster each quarter.',
    ];
    expect(textSimilarity(from[1]!, to[0]!)).toBeLessThan(REWORDING_THRESHOLD);
    const weights = TermWeights.over([...from, ...to]);
    expect(diffTexts(from, to).map((c) => [c.status, c.from, c.to])).toEqual([
      ['added', null, to[0]],
      ['changed', from[0], to[1]],
      ['removed', from[1], null],
    ]);
    expect(diffTexts(from, to, { weights }).map((c) => [c.status, c.from, c.to])).toEqual([
      ['changed', from[1], to[0]],
      ['changed', from[0], to[1]],
    ]);
  });

  it('on random lists: the rewording pairs stay, and every added pair clears the counterpart threshold', () => {
    const sentence = fc
      .array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'epsilon', 'I', 'the', 'team', 'ships'), {
        minLength: 1,
        maxLength: 7,
      })
      .map((ws) => `${ws.join(' ')}.`);
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 8 }), fc.array(sentence, { maxLength: 8 }), (from, to) => {
        const weights = TermWeights.over([...from, ...to]);
        const key = (c: TextChange) => `${c.fromPosition}:${c.toPosition}`;
        const plain = diffTexts(from, to).filter((c) => c.from !== null && c.to !== null);
        const both = diffTexts(from, to, { weights });
        const paired = both.filter((c) => c.from !== null && c.to !== null);
        expect(paired.map(key)).toEqual(expect.arrayContaining(plain.map(key)));
        const rewordings = new Set(plain.map(key));
        for (const c of paired)
          if (!rewordings.has(key(c)))
            expect(counterpartScore(c.from!, c.to!, weights)).toBeGreaterThanOrEqual(COUNTERPART_THRESHOLD);
        expect(both.filter((c) => c.to !== null).map((c) => c.to)).toEqual(to);
      }),
    );
  });
});

describe('counterpartScore', () => {
  const weights = TermWeights.over([
    'I ship features to production.',
    'I ship ideas to production.',
    'I write unglamorous code.',
    'I write tests.',
  ]);

  it('is 1 for the same terms, 0 for none shared, and symmetric', () => {
    expect(counterpartScore('I shipped features.', 'I ship a feature.', weights)).toBeCloseTo(1);
    expect(counterpartScore('I write tests.', 'I ship ideas.', weights)).toBe(0);
    const a = 'I ship features to production.';
    const b = 'I write unglamorous code for production.';
    expect(counterpartScore(a, b, weights)).toBeCloseTo(counterpartScore(b, a, weights));
  });

  it('weighs a rare shared word above a common one', () => {
    const corpus = TermWeights.over([
      'I ship to production.',
      'Production is down.',
      'Production again.',
      'An unglamorous job.',
      'Something else.',
    ]);
    expect(corpus.weight('unglamor')).toBeGreaterThan(corpus.weight('product'));
    const rare = counterpartScore('I ship unglamorous code.', 'Unglamorous tests matter.', corpus);
    const common = counterpartScore('I ship production code.', 'Production tests matter.', corpus);
    expect(rare).toBeGreaterThan(common);
  });
});
