import { diffExpected, diffLevels } from '../../src/domain/diff/levels';
import type { Level } from '../../src/domain/entities';
import { expectedAt } from '../../src/domain/expected';
import type { Framework } from '../../src/domain/framework';
import { withoutDrafts } from '../../src/domain/framework';
import { bundledFramework } from '../support/bundled';
import { competency, framework, level, track } from './fixtures';

let bundled: Framework;
beforeAll(async () => {
  bundled = await bundledFramework();
});

const SRE = 'site-reliability-engineer';
const texts = (f: Framework, l: Level) => expectedAt(f, l).map((e) => e.expectation.text);
const cumulative = (...levels: Parameters<typeof track>[1]) =>
  framework({ ...track('t', levels), progression: 'cumulative' });

describe('what a level expects', () => {
  it('on the bundled tracks, which say they are cumulative, holds an L1-only item at L3, stated at L1', () => {
    expect(bundled.tracks.map((t) => t.progression)).toEqual(['cumulative', 'cumulative']);
    const l3 = bundled.level(`${SRE}/L3`)!;
    const raise = expectedAt(bundled, l3).find((e) =>
      e.expectation.text.startsWith('I raise concerns early'),
    );
    expect(raise?.statedAt.code).toBe('L1');
    expect(raise?.expectation.id).toMatch(new RegExp(`^${SRE}/L1/`));
    const written = bundled.levels.filter((l) => l.trackId === SRE).flatMap((l) => l.competencies);
    const at = written.filter((c) => c.expectations.some((e) => e.text === raise!.expectation.text));
    expect(at.map((c) => c.levelId)).toEqual([`${SRE}/L1`]);
  });

  it('holds the grown form of an item, never the form it replaced', () => {
    for (const l of bundled.levels) {
      const expected = expectedAt(bundled, l);
      const held = new Set(expected.map((e) => e.expectation));
      for (const e of expected) for (const g of e.grownFrom) expect(held.has(g)).toBe(false);
      // every item the level writes is held, stated there
      const own = l.competencies.flatMap((c) => c.expectations);
      expect(expected.filter((e) => e.statedAt === l).map((e) => e.expectation)).toEqual(
        expect.arrayContaining(own),
      );
    }
    const grown = expectedAt(bundled, bundled.level(`${SRE}/L3`)!).filter((e) => e.grownFrom.length > 0);
    expect(grown.length).toBeGreaterThan(0);
    expect(
      grown.every((e) => e.grownFrom[0]!.levelId === `${SRE}/L2` || e.grownFrom[0]!.levelId === `${SRE}/L1`),
    ).toBe(true);
  });

  it('carries what is not grown, grows what is reworded, adds what is new, nearest level first', () => {
    const f = cumulative(
      level('L1', 1, {
        competencies: [competency('craft', ['I fix bugs in my code.', 'I ask for help when blocked.'])],
      }),
      level('L2', 2, {
        competencies: [competency('craft', ['I fix bugs in my team code.', 'I review changes.'])],
      }),
      level('L3', 3, { competencies: [competency('craft', ['I fix bugs in my team code and systems.'])] }),
    );
    const [l1, l2, l3] = f.track('t')!.levels as [Level, Level, Level];
    expect(texts(f, l2)).toEqual([
      'I fix bugs in my team code.',
      'I ask for help when blocked.',
      'I review changes.',
    ]);
    const top = expectedAt(f, l3);
    expect(top.map((e) => [e.expectation.text, e.statedAt.code])).toEqual([
      ['I fix bugs in my team code and systems.', 'L3'],
      ['I ask for help when blocked.', 'L1'],
      ['I review changes.', 'L2'],
    ]);
    expect(top[0]!.grownFrom.map((i) => i.levelId)).toEqual([l2.id, l1.id]);
  });

  it('is what the file writes on a standalone track, and leaves drafts out of what a level builds on', () => {
    const data = [
      level('L1', 1, { competencies: [competency('craft', ['I write tests.'])] }),
      level('L2', 2, { status: 'draft', competencies: [competency('craft', ['I write good tests.'])] }),
      level('L3', 3, { competencies: [competency('craft', ['I review designs.'])] }),
    ];
    const standalone = framework(track('t', data));
    expect(texts(standalone, standalone.level('t/L3')!)).toEqual(['I review designs.']);
    const f = cumulative(...data);
    expect(texts(f, f.level('t/L3')!)).toEqual(['I write good tests.', 'I review designs.']);
    const view = withoutDrafts(f);
    expect(texts(view, view.level('t/L3')!)).toEqual(['I write tests.', 'I review designs.']);
  });
});

describe("a reader's diff", () => {
  const readers = (f: Framework, from: string, to: string) => {
    const [a, b] = [f.level(from)!, f.level(to)!];
    return diffExpected(a, b, { from: expectedAt(f, a), to: expectedAt(f, b), sameTrack: true });
  };
  const expectations = (d: ReturnType<typeof diffLevels>) => d.competencies.flatMap((c) => c.expectations);

  it('never calls an expectation the bundled L3 still expects removed, and counts it unchanged', () => {
    for (const t of bundled.tracks)
      for (const [a, b] of t.levels.slice(0, -1).map((l, i) => [l, t.levels[i + 1]!] as const)) {
        const diff = readers(bundled, a.id, b.id);
        const changes = expectations(diff);
        expect([a.id, changes.filter((c) => c.status === 'removed')]).toEqual([a.id, []]);
        const carried = expectedAt(bundled, b).filter((e) => e.statedAt.rank < b.rank).length;
        expect(changes.filter((c) => c.status === 'unchanged').length).toBeGreaterThanOrEqual(carried);
        expect(changes.length).toBe(expectedAt(bundled, b).length);
      }
    const written = expectations(diffLevels(bundled.level(`${SRE}/L2`)!, bundled.level(`${SRE}/L3`)!));
    expect(written.filter((c) => c.status === 'removed').length).toBeGreaterThan(0);
  });

  it('pairs a grown item with what it grew from, with its word segments, and the summary follows', () => {
    const diff = readers(bundled, `${SRE}/L2`, `${SRE}/L3`);
    const changed = expectations(diff).filter((c) => c.status === 'changed');
    expect(changed.length).toBeGreaterThan(0);
    for (const c of changed) expect(c.segments.some((s) => s.kind !== 'equal')).toBe(true);
    const all = diff.competencies.flatMap((c) => [...c.expectations, ...c.examples]);
    for (const status of ['added', 'removed', 'changed', 'unchanged'] as const)
      expect(diff.summary[status]).toBe(all.filter((c) => c.status === status).length);
  });

  it('going down, reports what is new at the higher level as removed', () => {
    const f = cumulative(
      level('L1', 1, { competencies: [competency('craft', ['I fix bugs in my code.'])] }),
      level('L2', 2, {
        competencies: [competency('craft', ['I fix bugs in my team code.', 'I review changes.'])],
      }),
    );
    const down = expectations(readers(f, 't/L2', 't/L1'));
    expect(down.map((c) => c.status).sort()).toEqual(['changed', 'removed']);
  });
});
