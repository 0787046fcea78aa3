import { diffLevels } from '../../src/domain/diff/levels';
import type { LevelDiff } from '../../src/domain/diff/types';
import type { Level } from '../../src/domain/entities';
import type { Framework } from '../../src/domain/framework';
import { bundledFramework } from '../support/bundled';

// Counterpart pairing (src/domain/diff/counterparts.ts) on the bundled content. Exact wording is
// asserted with fixtures in counterparts.test.ts; here, properties and the ideas the two tracks share.

const NO_COUNTERPARTS = { counterpartThreshold: 2 };

let framework: Framework;

beforeAll(async () => {
  framework = await bundledFramework();
});

/** "from → to" for every item kept or changed. */
const pairsOf = (d: LevelDiff): string[] =>
  d.competencies.flatMap((c) =>
    [...c.expectations, ...c.examples]
      .filter((t) => t.from !== null && t.to !== null)
      .map((t) => `${t.from} → ${t.to}`),
  );

describe('the bundled software engineer and SRE tracks', () => {
  const changeFrom = (d: LevelDiff, pattern: RegExp) =>
    d.competencies.flatMap((c) => [...c.expectations, ...c.examples]).find((c) => pattern.test(c.from ?? ''));

  // Ideas a reader pairs at once though the two tracks word them differently (issue 13). The cumulative
  // content states "unglamorous work" at L2 for software engineers and at L3 for SREs.
  it.each([
    ['technical debt', 'L3', /technical debt/i, /technical debt/i],
    ['helping newer engineers', 'L3', /help newer engineers/i, /help new hires/i],
    ['unglamorous work', 'L2', /unglamorous/i, /unglamorous/i],
    ['shipping to production', 'L3', /^I ship\b.*\bto production/i, /^I ship\b.*\bto production/i],
    ['breaking work into increments', 'L3', /\bincrements\b/i, /\bincremental\b/i],
    [
      'interviewing candidates',
      'L3',
      /\binterviewed engineering candidates/i,
      /\binterviews for engineering candidates/i,
    ],
  ])('pairs the items about %s (software engineer %s against SRE L3)', (_idea, code, se, sre) => {
    const d = diffLevels(
      framework.level(`software-engineer/${code}`)!,
      framework.level('site-reliability-engineer/L3')!,
    );
    const change = changeFrom(d, se);
    expect(change?.from).toMatch(se);
    expect(change?.status).toBe('changed');
    expect(change?.to).toMatch(sre);
  });

  it('pairs far more items of software engineer L3 and SRE L3 than rewordings alone, and keeps those', () => {
    const [from, to] = [
      framework.level('software-engineer/L3')!,
      framework.level('site-reliability-engineer/L3')!,
    ];
    const d = diffLevels(from, to);
    const alone = diffLevels(from, to, NO_COUNTERPARTS);
    expect(d.summary.changed).toBeGreaterThanOrEqual(alone.summary.changed + 5);
    expect(pairsOf(d)).toEqual(expect.arrayContaining(pairsOf(alone)));
  });
});

describe('the bundled content', () => {
  it('keeps every pair that rewordings alone make, on adjacent levels and across tracks', () => {
    // Counterparts only pair what rewordings left, so the pairings checked by hand stay as they were.
    const adjacent = framework.tracks.flatMap((track) => {
      const levels = framework.visibleLevels(track);
      return levels.slice(1).flatMap((to, k): [Level, Level][] => [
        [levels[k]!, to],
        [to, levels[k]!],
      ]);
    });
    const across = framework.tracks.flatMap((a) =>
      framework.tracks.flatMap((b) =>
        a === b
          ? []
          : framework.visibleLevels(a).flatMap((level): [Level, Level][] => {
              const peer = framework.visibleLevels(b).find((l) => l.rank === level.rank);
              return peer ? [[level, peer]] : [];
            }),
      ),
    );
    expect(adjacent.length).toBeGreaterThan(0);
    expect(across.length).toBeGreaterThan(0);
    for (const [from, to] of [...adjacent, ...across]) {
      const alone = pairsOf(diffLevels(from, to, NO_COUNTERPARTS));
      expect(pairsOf(diffLevels(from, to))).toEqual(expect.arrayContaining(alone));
    }
  });

  it('pairs the same items whichever way round two levels are diffed', () => {
    for (const [a, b] of [
      ['software-engineer/L3', 'site-reliability-engineer/L3'],
      ['software-engineer/L2', 'site-reliability-engineer/L4'],
    ] as const) {
      const [from, to] = [framework.level(a)!, framework.level(b)!];
      const forward = pairsOf(diffLevels(from, to));
      const backward = pairsOf(diffLevels(to, from)).map((p) => p.split(' → ').reverse().join(' → '));
      expect(backward.sort()).toEqual(forward.sort());
    }
  });
});
