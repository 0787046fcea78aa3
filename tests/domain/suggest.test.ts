import { unknownLevel } from '../../src/domain/suggest';
import { framework, level, track } from './fixtures';

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

  it('suggests a track named by its initials', () => {
    const two = framework(
      track('site-reliability-engineer', [level('L1', 1), level('L2', 2)]),
      track('software-engineer', [level('L1', 1), level('L2', 2)]),
    );
    expect(unknownLevel(two, 'sre/L2').suggestions[0]).toBe('site-reliability-engineer/L2');
    expect(unknownLevel(two, 'se/L1').suggestions[0]).toBe('software-engineer/L1');
  });
});
