import { attributeDefinitions } from '../../src/domain/attribute-definitions';
import { framework, level, track } from './fixtures';

const fw = framework(
  track('b-track', [
    level('L1', 1, { attributes: { 'Planning horizon': 'Today', Evaluation: 'Manager' } }),
    level('L2', 2, { attributes: { 'Planning horizon': 'This week', Evaluation: 'manager ' } }),
    level('L3', 3, {
      attributes: { 'Planning horizon': 'This cycle', Evaluation: 'Panel', 'On call': 'Yes' },
    }),
  ]),
  track('a-track', [
    level('L2', 2, { attributes: { 'Impact radius': 'Team', 'Planning horizon': 'Tomorrow' } }),
    level('L3', 3, { attributes: { 'Planning horizon': 'Today' } }),
    level('L4', 4, { status: 'draft', attributes: { 'Planning horizon': 'Next year', Secret: 'x' } }),
  ]),
);

describe('attributeDefinitions', () => {
  it('lists every key first seen walking by rank then track, with distinct values in rank order', () => {
    expect(attributeDefinitions(fw)).toEqual([
      {
        key: 'planningHorizon',
        label: 'Planning horizon',
        values: ['Today', 'Tomorrow', 'This week', 'This cycle'],
      },
      { key: 'evaluation', label: 'Evaluation', values: ['Manager', 'Panel'] },
      { key: 'impactRadius', label: 'Impact radius', values: ['Team'] },
      { key: 'onCall', label: 'On call', values: ['Yes'] },
    ]);
  });

  it('leaves drafts out', () => {
    const keys = attributeDefinitions(fw).map((d) => d.key);
    expect(keys).not.toContain('secret');
    expect(attributeDefinitions(fw).flatMap((d) => d.values)).not.toContain('Next year');
  });

  it('restricts to one track', () => {
    expect(attributeDefinitions(fw, 'a-track')).toEqual([
      { key: 'impactRadius', label: 'Impact radius', values: ['Team'] },
      { key: 'planningHorizon', label: 'Planning horizon', values: ['Tomorrow', 'Today'] },
    ]);
    expect(attributeDefinitions(fw, null)).toHaveLength(4);
    expect(attributeDefinitions(fw, 'nope')).toEqual([]);
  });
});
