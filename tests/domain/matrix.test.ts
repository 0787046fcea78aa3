import { competencyMatrix } from '../../src/domain/matrix';
import { competency, framework, level, track } from './fixtures';

const fw = framework(
  track('sre', [
    level('L3', 3, {
      competencies: [
        competency('culture', ['c3'], [], { name: 'Culture and leadership' }),
        competency('domain', ['d3'], [], { name: 'Domain expertise (L3)' }),
        competency('strategy', ['s3']),
      ],
    }),
    level('L1', 1, {
      competencies: [
        competency('domain', ['d1'], [], { name: 'Domain expertise', emoji: null }),
        competency('teaching', ['t1']),
      ],
    }),
    level('L2', 2, {
      competencies: [competency('teaching', ['t2']), competency('domain', ['d2'], [], { emoji: '🦉' })],
    }),
    level('L4', 4, { status: 'draft', competencies: [competency('secret', ['x'])] }),
  ]),
);
const sre = fw.track('sre')!;

describe('competencyMatrix', () => {
  const matrix = competencyMatrix(fw, sre);

  it('has the visible levels by rank as columns', () => {
    expect(matrix.levels.map((l) => l.code)).toEqual(['L1', 'L2', 'L3']);
  });

  it('orders rows by first appearance walking up the levels', () => {
    expect(matrix.rows.map((r) => r.slug)).toEqual(['domain', 'teaching', 'culture', 'strategy']);
  });

  it('has one cell per column, null where the level lacks the competency', () => {
    const cells = Object.fromEntries(matrix.rows.map((r) => [r.slug, r.cells.map((c) => c?.id ?? null)]));
    expect(cells).toEqual({
      domain: ['sre/L1/domain', 'sre/L2/domain', 'sre/L3/domain'],
      teaching: ['sre/L1/teaching', 'sre/L2/teaching', null],
      culture: [null, null, 'sre/L3/culture'],
      strategy: [null, null, 'sre/L3/strategy'],
    });
  });

  it('takes the name from the lowest level and the first emoji found', () => {
    const domain = matrix.rows[0]!;
    expect(domain.name).toBe('Domain expertise');
    expect(domain.emoji).toBe('🦉');
  });

  it('adds draft columns and rows only on request', () => {
    const withDrafts = competencyMatrix(fw, sre, true);
    expect(withDrafts.levels.map((l) => l.code)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(withDrafts.rows.map((r) => r.slug)).toEqual([
      'domain',
      'teaching',
      'culture',
      'strategy',
      'secret',
    ]);
    expect(withDrafts.rows[4]!.cells.map((c) => c?.id ?? null)).toEqual([null, null, null, 'sre/L4/secret']);
    expect(withDrafts.rows[0]!.cells).toHaveLength(4);
  });
});
