import { distance } from 'fastest-levenshtein';
import fc from 'fast-check';
import { closestIds, editDistance } from '../../src/domain/closest-ids';

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

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });

  it('agrees with fastest-levenshtein, which the API used before the browser shared this code', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '/', 'L', '1', 'é', '🙂'), maxLength: 12 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(editDistance(a, b)).toBe(distance(a, b));
      }),
    );
  });
});
