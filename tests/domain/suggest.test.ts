import { closestIds, unknownLevel } from '../../src/domain/suggest';
import { framework, level, track } from './fixtures';

const levels = ['L1', 'L2', 'L3', 'L4', 'L5'];
const ids = [
  ...levels.map((c) => `site-reliability-engineer/${c}`),
  ...levels.map((c) => `software-engineer/${c}`),
];

describe('closestIds', () => {
  it('suggests the nearest ids, nearest level number first', () => {
    expect(closestIds(ids, 'site-reliability-engineer/L9')).toEqual([
      'site-reliability-engineer/L5',
      'site-reliability-engineer/L4',
      'site-reliability-engineer/L3',
    ]);
  });

  it('is case-insensitive and tolerates typos', () => {
    expect(closestIds(ids, 'Site-Reliablity-Engineer/l3', 1)).toEqual(['site-reliability-engineer/L3']);
    expect(closestIds(ids, 'sofware-engineer/L2', 2)).toEqual([
      'software-engineer/L2',
      'software-engineer/L1',
    ]);
  });

  it('matches a bare level code against every track', () => {
    expect(closestIds(ids, 'L3', 2)).toEqual(['site-reliability-engineer/L3', 'software-engineer/L3']);
  });

  it('suggests nothing for a wild guess, and respects max', () => {
    expect(closestIds(ids, 'banana')).toEqual([]);
    expect(closestIds(ids, 'software-engineer/L3', 0)).toEqual([]);
    expect(closestIds([], 'x')).toEqual([]);
  });
});

describe('unknownLevel', () => {
  const fw = framework(track('sre', [level('L1', 1), level('L2', 2), level('L3', 3, { status: 'draft' })]));

  it('names the id and suggests published levels', () => {
    expect(unknownLevel(fw, 'sre/L4')).toEqual({
      message: 'no level "sre/L4"; did you mean sre/L2, sre/L1?',
      suggestions: ['sre/L2', 'sre/L1'],
    });
    expect(unknownLevel(fw, 'sre/L4', true).suggestions).toEqual(['sre/L3', 'sre/L2', 'sre/L1']);
  });

  it('explains the id format when nothing is close', () => {
    expect(unknownLevel(fw, 'something-else-entirely')).toEqual({
      message: 'no level "something-else-entirely"; level ids are "<track>/<code>", such as "sre/L1"',
      suggestions: [],
    });
  });
});
