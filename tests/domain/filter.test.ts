import { filterLevels, type LevelFilter } from '../../src/domain/filter';
import { framework, level, track } from './fixtures';

const sre = track('site-reliability-engineer', [
  level('L1', 1, {
    attributes: {
      'Planning horizon': 'Current cycle',
      'Impact radius': 'Self',
      Evaluation: 'Manager',
      'Responsibility and direction needed': 'Works on well-defined tasks.',
    },
  }),
  level('L2', 2, {
    attributes: {
      'Planning horizon': 'Current  cycle',
      'Impact radius': 'Peers (2-5)',
      Evaluation: 'Manager',
    },
  }),
  level('L3', 3, {
    attributes: {
      'Planning horizon': 'Current and next cycle',
      'Impact radius': 'Peers (2-5)',
      Evaluation: 'Manager',
      'On call': 'Primary',
    },
  }),
  level('L4', 4, { status: 'draft', attributes: { 'Planning horizon': 'Next cycle', Evaluation: 'Panel' } }),
]);
const se = track('software-engineer', [
  level('L1', 1, { attributes: { 'Planning horizon': 'Current cycle', Evaluation: 'Manager' } }),
  level('L3', 3, {
    attributes: { 'Planning horizon': 'Next cycle', Evaluation: 'Panel', 'On call': 'Secondary' },
  }),
]);
const fw = framework(se, sre);
const ids = (filter?: LevelFilter) => filterLevels(fw, filter).map((l) => l.id);

describe('filterLevels', () => {
  it('returns every published level by track then rank without a filter', () => {
    expect(ids()).toEqual([
      'site-reliability-engineer/L1',
      'site-reliability-engineer/L2',
      'site-reliability-engineer/L3',
      'software-engineer/L1',
      'software-engineer/L3',
    ]);
  });

  it('includes drafts only on request', () => {
    expect(ids({ includeDrafts: true })).toContain('site-reliability-engineer/L4');
    expect(ids({ includeDrafts: false })).not.toContain('site-reliability-engineer/L4');
    expect(ids({ evaluation: { eq: 'panel' } })).toEqual(['software-engineer/L3']);
    expect(ids({ evaluation: { eq: 'panel' }, includeDrafts: true })).toEqual([
      'site-reliability-engineer/L4',
      'software-engineer/L3',
    ]);
  });

  it('compares track and code case-insensitively, ignoring surrounding space', () => {
    expect(ids({ track: ' Site-Reliability-Engineer ' })).toHaveLength(3);
    expect(ids({ code: 'l3' })).toEqual(['site-reliability-engineer/L3', 'software-engineer/L3']);
    expect(ids({ track: 'software-engineer', code: 'L3 ' })).toEqual(['software-engineer/L3']);
    expect(ids({ track: 'nope' })).toEqual([]);
  });

  it('applies an inclusive rank range', () => {
    expect(ids({ rankMin: 2, rankMax: 3 })).toEqual([
      'site-reliability-engineer/L2',
      'site-reliability-engineer/L3',
      'software-engineer/L3',
    ]);
    expect(ids({ rankMin: 3 })).toEqual(['site-reliability-engineer/L3', 'software-engineer/L3']);
    expect(ids({ rankMax: 1 })).toEqual(['site-reliability-engineer/L1', 'software-engineer/L1']);
    expect(ids({ rankMin: 3, rankMax: 2 })).toEqual([]);
  });

  describe('StringMatch', () => {
    it('eq ignores case, surrounding space and inner space runs', () => {
      expect(ids({ planningHorizon: { eq: '  CURRENT cycle ' } })).toEqual([
        'site-reliability-engineer/L1',
        'site-reliability-engineer/L2',
        'software-engineer/L1',
      ]);
    });

    it('in matches any of the values; an empty list matches nothing', () => {
      expect(ids({ impactRadius: { in: ['self', 'PEERS (2-5)'] } })).toEqual([
        'site-reliability-engineer/L1',
        'site-reliability-engineer/L2',
        'site-reliability-engineer/L3',
      ]);
      expect(ids({ impactRadius: { in: [] } })).toEqual([]);
    });

    it('contains matches a part of the value', () => {
      expect(ids({ planningHorizon: { contains: 'NEXT' } })).toEqual([
        'site-reliability-engineer/L3',
        'software-engineer/L3',
      ]);
      expect(ids({ responsibilityAndDirectionNeeded: { contains: 'well-defined' } })).toEqual([
        'site-reliability-engineer/L1',
      ]);
    });

    it('requires every given operator to hold', () => {
      expect(ids({ planningHorizon: { contains: 'cycle', eq: 'next cycle' } })).toEqual([
        'software-engineer/L3',
      ]);
      expect(ids({ planningHorizon: { in: ['Current cycle', 'Next cycle'], contains: 'next' } })).toEqual([
        'software-engineer/L3',
      ]);
      expect(ids({ planningHorizon: { eq: 'next cycle', in: ['current cycle'] } })).toEqual([]);
    });

    it('fails for a level without the attribute, even with no operator', () => {
      expect(ids({ impactRadius: { contains: '' } })).toEqual([
        'site-reliability-engineer/L1',
        'site-reliability-engineer/L2',
        'site-reliability-engineer/L3',
      ]);
      expect(ids({ responsibilityAndDirectionNeeded: {} })).toEqual(['site-reliability-engineer/L1']);
    });

    it('treats null operators as absent', () => {
      expect(ids({ evaluation: { eq: null, in: null, contains: 'manager' }, track: null })).toHaveLength(4);
    });
  });

  describe('AttributeMatch', () => {
    it('matches any attribute by key with eq, in and contains', () => {
      expect(ids({ attributes: [{ key: 'onCall', eq: 'primary' }] })).toEqual([
        'site-reliability-engineer/L3',
      ]);
      expect(ids({ attributes: [{ key: 'onCall', in: ['PRIMARY', 'secondary'] }] })).toEqual([
        'site-reliability-engineer/L3',
        'software-engineer/L3',
      ]);
      expect(ids({ attributes: [{ key: 'onCall', contains: 'ary' }] })).toHaveLength(2);
      expect(ids({ attributes: [{ key: 'onCall', in: [] }] })).toEqual([]);
    });

    it('fails for levels lacking the key; a bare key means "has the attribute"', () => {
      expect(ids({ attributes: [{ key: 'onCall' }] })).toEqual([
        'site-reliability-engineer/L3',
        'software-engineer/L3',
      ]);
      expect(ids({ attributes: [{ key: 'unknown', contains: '' }] })).toEqual([]);
    });

    it('ANDs several attribute conditions with the other conditions', () => {
      expect(
        ids({
          attributes: [
            { key: 'onCall', contains: 'ary' },
            { key: 'evaluation', eq: 'manager' },
          ],
        }),
      ).toEqual(['site-reliability-engineer/L3']);
      expect(
        ids({ track: 'software-engineer', attributes: [{ key: 'onCall' }], evaluation: { eq: 'manager' } }),
      ).toEqual([]);
      expect(ids({ rankMin: 2, evaluation: { eq: 'Manager' }, impactRadius: { contains: 'peers' } })).toEqual(
        ['site-reliability-engineer/L2', 'site-reliability-engineer/L3'],
      );
    });
  });

  it('folds Unicode normalisation forms', () => {
    const fw2 = framework(track('t', [level('L1', 1, { attributes: { Evaluation: 'Comit\u00e9' } })]));
    expect(filterLevels(fw2, { evaluation: { eq: 'COMITE\u0301' } })).toHaveLength(1);
  });
});
