import fc from 'fast-check';
import { diffLevels } from '../../src/domain/diff/levels';
import { diffTexts, REWORDING_THRESHOLD } from '../../src/domain/diff/match-items';
import { textSegments } from '../../src/domain/diff/segments';
import type { LevelDiff, TextChange } from '../../src/domain/diff/types';
import { textSimilarity } from '../../src/domain/text/similarity';
import { competency, framework, level, track } from './fixtures';

const rebuild = (change: Pick<TextChange, 'segments'>) => ({
  from: change.segments
    .filter((s) => s.kind !== 'inserted')
    .map((s) => s.text)
    .join(''),
  to: change.segments
    .filter((s) => s.kind !== 'deleted')
    .map((s) => s.text)
    .join(''),
});
const statuses = (changes: readonly TextChange[]) => changes.map((c) => c.status);
const allChanges = (diff: LevelDiff) => diff.competencies.flatMap((c) => [...c.expectations, ...c.examples]);

const fw = framework(
  track('site-reliability-engineer', [
    level('L2', 2, {
      attributes: { 'Planning horizon': 'Current cycle', 'Impact radius': 'Self', Evaluation: 'Manager' },
      competencies: [
        competency(
          'domain-expertise',
          [
            "I am proficient in my team's domain.",
            'I can step outside my comfort zone when needed.',
            'I write runbooks for the services I own.',
          ],
          ['I set up an automated delivery pipeline.', 'I fixed a flaky alert.'],
          { name: 'Domain expertise' },
        ),
        competency('teaching', ['I help new hires get productive.'], ['I ran a knowledge sharing session.']),
        competency('legacy', ['I keep the pager quiet.'], []),
      ],
    }),
    level('L3', 3, {
      attributes: {
        'Planning horizon': 'Current and next cycle',
        Evaluation: 'Manager',
        'Responsibility and direction needed': 'Takes vertical slices.',
      },
      competencies: [
        competency(
          'domain-expertise',
          [
            "I am advanced in my team's domain.",
            'I can confidently step outside my own comfort zone and adapt quickly to new technologies.',
            'I make appropriate scaling and reliability trade-offs.',
          ],
          ['I set up an automated delivery pipeline.', 'I built a reusable dashboard template.'],
          { name: 'Domain expertise' },
        ),
        competency('teaching', ['I help new hires get productive.'], ['I ran a knowledge sharing session.']),
        competency('customer-success', ['I ship ideas from conception to production.'], ['I led a pitch.']),
      ],
    }),
  ]),
  track('software-engineer', [
    level('L3', 3, {
      attributes: { 'Planning horizon': 'Current and next cycle' },
      competencies: [
        competency('domain-expertise', ["I am advanced in my team's domain."], ['I shipped a feature.']),
      ],
    }),
  ]),
);
const sreL2 = fw.level('site-reliability-engineer/L2')!;
const sreL3 = fw.level('site-reliability-engineer/L3')!;
const seL3 = fw.level('software-engineer/L3')!;

describe('diffLevels', () => {
  it('finds nothing changed between a level and itself', () => {
    const diff = diffLevels(sreL3, sreL3);
    const items = sreL3.competencies.reduce((n, c) => n + c.expectations.length + c.examples.length, 0);
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: items });
    expect(diff.competencies.every((c) => c.status === 'unchanged')).toBe(true);
    expect(diff.attributes.every((a) => a.status === 'unchanged')).toBe(true);
    expect(allChanges(diff).every((c) => c.similarity === 1 && c.segments.length === 1)).toBe(true);
  });

  it('reports attribute changes in to order, then keys only from has', () => {
    expect(diffLevels(sreL2, sreL3).attributes).toEqual([
      {
        key: 'planningHorizon',
        label: 'Planning horizon',
        from: 'Current cycle',
        to: 'Current and next cycle',
        status: 'changed',
      },
      { key: 'evaluation', label: 'Evaluation', from: 'Manager', to: 'Manager', status: 'unchanged' },
      {
        key: 'responsibilityAndDirectionNeeded',
        label: 'Responsibility and direction needed',
        from: null,
        to: 'Takes vertical slices.',
        status: 'added',
      },
      { key: 'impactRadius', label: 'Impact radius', from: 'Self', to: null, status: 'removed' },
    ]);
  });

  it('matches competencies by slug, in to order then those only from has', () => {
    const diff = diffLevels(sreL2, sreL3);
    expect(diff.competencies.map((c) => [c.slug, c.status])).toEqual([
      ['domain-expertise', 'changed'],
      ['teaching', 'unchanged'],
      ['customer-success', 'added'],
      ['legacy', 'removed'],
    ]);
    const added = diff.competencies[2]!;
    expect(statuses([...added.expectations, ...added.examples])).toEqual(['added', 'added']);
    expect(added.expectations[0]).toEqual({
      status: 'added',
      from: null,
      to: 'I ship ideas from conception to production.',
      fromPosition: null,
      toPosition: 1,
      similarity: 0,
      segments: [{ kind: 'inserted', text: 'I ship ideas from conception to production.' }],
    });
    const removed = diff.competencies[3]!;
    expect(removed.name).toBe('Legacy');
    expect(removed.expectations).toEqual([
      {
        status: 'removed',
        from: 'I keep the pager quiet.',
        to: null,
        fromPosition: 1,
        toPosition: null,
        similarity: 0,
        segments: [{ kind: 'deleted', text: 'I keep the pager quiet.' }],
      },
    ]);
  });

  it('pairs rewordings as changed with a word diff, and leaves unrelated items added or removed', () => {
    const domain = diffLevels(sreL2, sreL3).competencies[0]!;
    expect(domain.expectations.map((c) => [c.status, c.from, c.to])).toEqual([
      ['changed', "I am proficient in my team's domain.", "I am advanced in my team's domain."],
      [
        'changed',
        'I can step outside my comfort zone when needed.',
        'I can confidently step outside my own comfort zone and adapt quickly to new technologies.',
      ],
      ['removed', 'I write runbooks for the services I own.', null],
      ['added', null, 'I make appropriate scaling and reliability trade-offs.'],
    ]);
    const proficient = domain.expectations[0]!;
    expect(proficient.similarity).toBeCloseTo(12 / 14);
    expect(proficient.segments).toEqual([
      { kind: 'equal', text: 'I am ' },
      { kind: 'deleted', text: 'proficient' },
      { kind: 'inserted', text: 'advanced' },
      { kind: 'equal', text: " in my team's domain." },
    ]);
    expect(statuses(domain.examples)).toEqual(['unchanged', 'removed', 'added']);
  });

  it('counts expectations and examples together in the summary', () => {
    expect(diffLevels(sreL2, sreL3).summary).toEqual({ added: 4, removed: 3, changed: 2, unchanged: 3 });
  });

  it('mirrors its counts when the direction is reversed', () => {
    const pairs = [
      [sreL2, sreL3],
      [sreL3, seL3],
      [sreL2, seL3],
    ] as const;
    for (const [a, b] of pairs) {
      const forward = diffLevels(a, b).summary;
      const backward = diffLevels(b, a).summary;
      expect(backward).toEqual({
        added: forward.removed,
        removed: forward.added,
        changed: forward.changed,
        unchanged: forward.unchanged,
      });
    }
  });

  it('works across tracks', () => {
    const diff = diffLevels(sreL3, seL3);
    expect(diff.from.trackId).toBe('site-reliability-engineer');
    expect(diff.to.trackId).toBe('software-engineer');
    const domain = diff.competencies[0]!;
    expect(domain.status).toBe('changed');
    expect(domain.expectations[0]!.status).toBe('unchanged');
    expect(diff.competencies.map((c) => c.status)).toEqual(['changed', 'removed', 'removed']);
  });
});

describe('diffTexts', () => {
  it('takes the best pairing, not the first candidate that clears the threshold', () => {
    const from = ['I review pull requests from my team carefully and promptly.'];
    const to = [
      'I review pull requests from other teams when asked.',
      'I review pull requests from my team carefully, promptly and kindly.',
    ];
    // Both are candidates; the second is the closer rewording.
    expect(textSimilarity(from[0]!, to[0]!)).toBeGreaterThanOrEqual(REWORDING_THRESHOLD);
    expect(textSimilarity(from[0]!, to[1]!)).toBeGreaterThan(textSimilarity(from[0]!, to[0]!));
    expect(diffTexts(from, to).map((c) => [c.status, c.to])).toEqual([
      ['added', to[0]],
      ['changed', to[1]],
    ]);
  });

  it('pairs globally best first, even against from order', () => {
    // Walking from in order would give a1 its best partner b1 and a2 the leftover b2;
    // taking pairs best-first gives a2–b1 (0.9), then a1–b2.
    const a1 = 'I plan capacity for the storage cluster every quarter.';
    const a2 = 'I plan capacity for the storage cluster every single quarter.';
    const b1 = 'I plan capacity for the storage cluster each single quarter.';
    const b2 = 'I plan capacity for the storage fleet every year.';
    expect(textSimilarity(a2, b1)).toBeGreaterThan(textSimilarity(a1, b1));
    expect(textSimilarity(a1, b1)).toBeGreaterThan(textSimilarity(a1, b2));
    expect(textSimilarity(a1, b2)).toBeGreaterThanOrEqual(REWORDING_THRESHOLD);
    const changes = diffTexts([a1, a2], [b1, b2]);
    expect(changes.map((c) => [c.status, c.from, c.to])).toEqual([
      ['changed', a2, b1],
      ['changed', a1, b2],
    ]);
  });

  it('pairs identical duplicates one to one', () => {
    const changes = diffTexts(['Same words here.', 'Same words here.', 'Other.'], ['Same words here.']);
    expect(statuses(changes)).toEqual(['unchanged', 'removed', 'removed']);
  });

  it('places removed items after the kept item that preceded them in from, ahead of additions', () => {
    const from = ['Zebra crossings.', 'Apples grow.', 'Rivers flow.', 'Stones sink.', 'Birds sing.'];
    const to = ['Xylophones ring.', 'Apples grow.', 'Birds sing.', 'Yachts sail.'];
    expect(diffTexts(from, to).map((c) => [c.status, c.from ?? c.to])).toEqual([
      ['removed', 'Zebra crossings.'],
      ['added', 'Xylophones ring.'],
      ['unchanged', 'Apples grow.'],
      ['removed', 'Rivers flow.'],
      ['removed', 'Stones sink.'],
      ['unchanged', 'Birds sing.'],
      ['added', 'Yachts sail.'],
    ]);
  });

  it('follows to order when kept items move, anchoring removals to their predecessor', () => {
    const changes = diffTexts(
      ['Apples grow.', 'Birds sing.', 'Rivers flow.'],
      ['Birds sing.', 'Apples grow.'],
    );
    expect(changes.map((c) => [c.status, c.from ?? c.to])).toEqual([
      ['unchanged', 'Birds sing.'],
      ['removed', 'Rivers flow.'],
      ['unchanged', 'Apples grow.'],
    ]);
  });

  it('anchors removals to reworded items too', () => {
    const changes = diffTexts(
      ['I debug production incidents calmly.', 'Rivers flow.'],
      ['Birds sing.', 'I debug production incidents calmly and quickly.'],
    );
    expect(changes.map((c) => c.status)).toEqual(['added', 'changed', 'removed']);
  });

  it('does not pair items that share only function words, however short', () => {
    expect(statuses(diffTexts(['I did a thing.'], ['I did it.']))).toEqual(['removed', 'added']);
  });

  it('honours a custom threshold', () => {
    const from = ["I am proficient in my team's domain."];
    const to = ["I am advanced in my team's domain."];
    expect(statuses(diffTexts(from, to, { threshold: 0.9 }))).toEqual(['removed', 'added']);
    expect(statuses(diffTexts(from, to, { threshold: 0.8 }))).toEqual(['changed']);
  });

  it('reports a punctuation-only edit as changed with similarity 1', () => {
    const [change] = diffTexts(
      ['I ship ideas from idea to production'],
      ['I ship ideas from idea to production.'],
    );
    expect(change).toMatchObject({ status: 'changed', similarity: 1 });
    expect(change!.segments).toEqual([
      { kind: 'equal', text: 'I ship ideas from idea to production' },
      { kind: 'inserted', text: '.' },
    ]);
  });

  it('handles empty sides', () => {
    expect(diffTexts([], [])).toEqual([]);
    expect(statuses(diffTexts(['A b.'], []))).toEqual(['removed']);
    expect(statuses(diffTexts([], ['A b.']))).toEqual(['added']);
  });

  it('keeps its invariants on random lists', () => {
    const sentence = fc
      .array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'I', 'the', 'team', 'ship'), {
        minLength: 1,
        maxLength: 6,
      })
      .map((ws) => `${ws.join(' ')}.`);
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 8 }), fc.array(sentence, { maxLength: 8 }), (from, to) => {
        const changes = diffTexts(from, to);
        const count = (s: string) => changes.filter((c) => c.status === s).length;
        expect(count('unchanged') + count('changed') + count('removed')).toBe(from.length);
        expect(count('unchanged') + count('changed') + count('added')).toBe(to.length);
        expect(changes.filter((c) => c.to !== null).map((c) => c.to)).toEqual(to);
        expect(
          changes
            .filter((c) => c.from !== null)
            .map((c) => c.from)
            .sort(),
        ).toEqual([...from].sort());
        for (const c of changes) {
          expect(rebuild(c)).toEqual({ from: c.from ?? '', to: c.to ?? '' });
          if (c.status === 'changed') {
            expect(c.similarity).toBeGreaterThanOrEqual(REWORDING_THRESHOLD);
            expect(c.similarity).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('scales to a thousand items per side', () => {
    const from = Array.from({ length: 1000 }, (_, i) => `I maintain service number${i} and its alerts.`);
    const to = from.map((t, i) =>
      i % 3 === 0 ? t.replace('maintain', 'own') : i % 3 === 1 ? t : `New thing ${i}.`,
    );
    const changes = diffTexts(from, to);
    expect(changes.filter((c) => c.status === 'changed')).toHaveLength(334);
    expect(changes.filter((c) => c.status === 'unchanged')).toHaveLength(333);
    expect(changes.filter((c) => c.status === 'added')).toHaveLength(333);
    expect(changes.filter((c) => c.status === 'removed')).toHaveLength(333);
  });
});

describe('textSegments', () => {
  const words = fc.constantFrom(
    'I',
    'team',
    "team's",
    'domain',
    'ship',
    'it',
    'the',
    'café',
    '(2-5)',
    '—',
    'a',
  );
  const space = fc.constantFrom(' ', '  ', '\t', ' \n ', '');
  const punctuation = fc.constantFrom('', '.', ',', '!', '?', ';');
  const sentence = fc
    .array(fc.tuple(space, words, punctuation), { maxLength: 12 })
    .chain((parts) => space.map((tail) => parts.map(([s, w, p]) => s + w + p).join('') + tail));

  it('rebuilds both texts exactly, for every pair of random sentences', () => {
    fc.assert(
      fc.property(sentence, sentence, (a, b) => {
        expect(rebuild({ segments: textSegments(a, b) })).toEqual({ from: a, to: b });
      }),
      { numRuns: 500 },
    );
  });

  it('also for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(rebuild({ segments: textSegments(a, b) })).toEqual({ from: a, to: b });
      }),
      { numRuns: 300 },
    );
  });

  it('merges adjacent segments and never emits empty ones', () => {
    fc.assert(
      fc.property(sentence, sentence, (a, b) => {
        const segments = textSegments(a, b);
        for (let i = 0; i < segments.length; i++) {
          expect(segments[i]!.text).not.toBe('');
          if (i > 0) expect(segments[i]!.kind).not.toBe(segments[i - 1]!.kind);
        }
      }),
    );
  });

  it('groups a run of changed words joined by spaces into one deletion and one insertion', () => {
    expect(textSegments('I fix the broken build today.', 'I fix every flaky test today.')).toEqual([
      { kind: 'equal', text: 'I fix ' },
      { kind: 'deleted', text: 'the broken build' },
      { kind: 'inserted', text: 'every flaky test' },
      { kind: 'equal', text: ' today.' },
    ]);
  });
});

describe('textSegments on a word whose trailing white space changed', () => {
  it('keeps the word equal and shows only the words that went', () => {
    const segments = textSegments(
      'I learn new technologies with support.',
      'I adapt quickly to new technologies.',
    );
    expect(segments).toEqual([
      { kind: 'equal', text: 'I ' },
      { kind: 'deleted', text: 'learn' },
      { kind: 'inserted', text: 'adapt quickly to' },
      { kind: 'equal', text: ' new technologies' },
      { kind: 'deleted', text: ' with support' },
      { kind: 'equal', text: '.' },
    ]);
  });
});
