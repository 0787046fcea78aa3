import { stepChecklist } from '../../src/domain/checklist';
import { readersDiff } from '../../src/domain/diff/reader';
import { expectedAt } from '../../src/domain/expected';
import type { Framework } from '../../src/domain/framework';
import { bundledFramework } from '../support/bundled';

let bundled: Framework;
beforeAll(async () => {
  bundled = await bundledFramework();
});

const SRE = 'site-reliability-engineer';
const at = (code: string) => ({ level: bundled.level(`${SRE}/${code}`)!, framework: bundled });

describe('the step checklist', () => {
  it("holds exactly the reader's diff's new and grown expectations of SRE L2 → L3, in its order", () => {
    const checklist = stepChecklist(at('L2'), at('L3'));
    const diff = readersDiff(at('L2'), at('L3'));
    const wanted = diff.competencies.flatMap((c) =>
      c.expectations
        .filter((e) => e.status === 'added' || e.status === 'changed')
        .map((e) => [e.status, e.to]),
    );
    expect(checklist.items.map((i) => [i.status, i.expectation.text])).toEqual(wanted);
    expect(checklist.items.length).toBeGreaterThan(10);
  });

  it('holds nothing L3 merely still expects, and names what a grown item grew from', () => {
    const checklist = stepChecklist(at('L2'), at('L3'));
    const still = expectedAt(bundled, at('L2').level).map((e) => e.expectation);
    const listed = new Set(checklist.items.map((i) => i.expectation));
    for (const item of still) expect(listed.has(item)).toBe(false);
    for (const item of checklist.items) {
      expect(item.expectation.id.startsWith(`${SRE}/L3/`)).toBe(true);
      if (item.status === 'changed') {
        expect(item.grownFrom).not.toBeNull();
        expect(item.segments.length).toBeGreaterThan(0);
      } else expect([item.grownFrom, item.segments]).toEqual([null, []]);
      expect(item.competency.levelId).toBe(`${SRE}/L3`);
    }
  });
});
