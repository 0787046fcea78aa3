import { diffLevels } from '../../src/domain/diff/levels';
import { REWORDING_THRESHOLD } from '../../src/domain/diff/match-items';
import type { LevelDiff, TextChange } from '../../src/domain/diff/types';
import type { Framework } from '../../src/domain/framework';
import { textSimilarity } from '../../src/domain/text/similarity';
import { bundledFramework } from '../support/bundled';

const KINDS = ['expectations', 'examples'] as const;

let framework: Framework;

beforeAll(async () => {
  framework = await bundledFramework();
});

const diff = (from: string, to: string): LevelDiff =>
  diffLevels(framework.level(from)!, framework.level(to)!);
const pairOf = (d: LevelDiff, from: string) =>
  d.competencies.flatMap((c) => [...c.expectations, ...c.examples]).find((c) => c.from === from);

describe('the bundled SRE L2 → L3 diff', () => {
  // The levels are cumulative and never restate an item (tests/content/bundled-writing.test.ts), so
  // nothing is unchanged: an item is reworded at the next level, or new there, or not restated.
  it('has changed, added and removed items of each kind, and none unchanged', () => {
    const d = diff('site-reliability-engineer/L2', 'site-reliability-engineer/L3');
    for (const kind of KINDS) {
      const statuses = new Set(d.competencies.flatMap((c) => c[kind].map((t) => t.status)));
      expect([kind, [...statuses].sort()]).toEqual([kind, ['added', 'changed', 'removed']]);
    }
    expect(d.summary.changed).toBeGreaterThan(0);
    expect(d.summary.unchanged).toBe(0);
  });

  it('pairs known rewordings', () => {
    const d = diff('site-reliability-engineer/L2', 'site-reliability-engineer/L3');
    expect(pairOf(d, "I am proficient in my team's domain.")).toMatchObject({
      status: 'changed',
      to: "I am advanced in my team's domain.",
    });
    expect(
      pairOf(d, "I recognised a problem early and raised it with my team even though it wasn't my fault."),
    ).toMatchObject({
      status: 'changed',
      to: "I recognised a problem early and got in to fix it even though it wasn't my fault.",
    });
    expect(pairOf(d, 'I contributed to a shaped pitch from idea to production.')).toMatchObject({
      status: 'changed',
      to: 'I led a shaped pitch from idea to production',
    });
  });
});

describe('the bundled software engineer L2 → L3 diff', () => {
  it('pairs known rewordings', () => {
    const d = diff('software-engineer/L2', 'software-engineer/L3');
    expect(pairOf(d, "I am proficient in my team's codebase and the product area it serves.")).toMatchObject({
      status: 'changed',
      to: "I am advanced in my team's codebase and the product area it serves.",
    });
    expect(d.competencies.every((c) => c.status === 'changed')).toBe(true);
  });
});

describe('the bundled content', () => {
  // Every adjacent pair of levels on every track, in both directions.
  const steps = () =>
    framework.tracks.flatMap((track) => {
      const levels = framework.visibleLevels(track);
      return levels.slice(1).flatMap((to, k) => [diffLevels(levels[k]!, to), diffLevels(to, levels[k]!)]);
    });

  it('keeps REWORDING_THRESHOLD in a clear gap between rewordings and unrelated sentences', () => {
    // If this fails after a content edit, a sentence pair now scores close to the threshold: rerun the
    // calibration (print every removed × added pair with textSimilarity) and move the threshold into
    // the new gap, or reword the content.
    const margin = 0.05;
    const close: string[] = [];
    for (const d of steps()) {
      for (const c of d.competencies) {
        for (const kind of KINDS) {
          const changes: readonly TextChange[] = c[kind];
          for (const change of changes) {
            if (change.status !== 'changed') continue;
            // A counterpart (paired by shared terms: src/domain/diff/counterparts.ts) scores below the
            // threshold by design; like an unpaired pair, it is close when it nearly makes a rewording.
            const rewording = change.similarity >= REWORDING_THRESHOLD;
            if (
              rewording
                ? change.similarity < REWORDING_THRESHOLD + margin
                : change.similarity > REWORDING_THRESHOLD - margin
            )
              close.push(`${change.similarity.toFixed(2)} ${change.from} → ${change.to}`);
          }
          const removed = changes.filter((t) => t.status === 'removed').map((t) => t.from!);
          const added = changes.filter((t) => t.status === 'added').map((t) => t.to!);
          for (const a of removed)
            for (const b of added) {
              const similarity = textSimilarity(a, b);
              if (similarity > REWORDING_THRESHOLD - margin)
                close.push(`${similarity.toFixed(2)} ${a} ≠ ${b}`);
            }
        }
      }
    }
    expect(close).toEqual([]);
  });

  it('diffs every level against itself as unchanged, and mirrors counts when reversed', () => {
    for (const level of framework.levels) {
      const same = diffLevels(level, level);
      const items = level.competencies.reduce((n, c) => n + c.expectations.length + c.examples.length, 0);
      expect(same.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: items });
    }
    const [a, b] = [
      framework.level('site-reliability-engineer/L2')!,
      framework.level('software-engineer/L4')!,
    ];
    const forward = diffLevels(a, b).summary;
    const backward = diffLevels(b, a).summary;
    expect(backward).toEqual({ ...forward, added: forward.removed, removed: forward.added });
  });

  it('rebuilds both texts of every change from its segments', () => {
    for (const d of steps())
      for (const c of d.competencies)
        for (const change of [...c.expectations, ...c.examples]) {
          const text = (skip: string) =>
            change.segments
              .filter((s) => s.kind !== skip)
              .map((s) => s.text)
              .join('');
          expect(text('inserted')).toBe(change.from ?? '');
          expect(text('deleted')).toBe(change.to ?? '');
        }
  });
});
