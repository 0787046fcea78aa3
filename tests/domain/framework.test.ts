import { Framework, type LevelData } from '../../src/domain/framework';

const at = (line: number) => ({ path: 't/L.md', line });
const level = (code: string, rank: number, status: 'published' | 'draft' = 'published'): LevelData => ({
  code,
  rank,
  title: `Level ${code}`,
  summary: null,
  status,
  attributes: [],
  source: at(1),
  competencies: [
    {
      slug: 'domain-expertise',
      name: 'Domain expertise',
      emoji: '🦉',
      source: at(3),
      expectations: [{ text: 'I know things.', source: at(4) }],
      examples: [
        { text: 'I did a thing.', source: at(8) },
        { text: 'I did another.', source: at(9) },
      ],
    },
  ],
});

describe('Framework', () => {
  const framework = new Framework({
    version: 'v1',
    loadedAt: new Date(0),
    tracks: [
      { id: 'zeta', name: 'Zeta', description: null, source: null, levels: [level('L1', 1)] },
      {
        id: 'alpha',
        name: 'Alpha',
        description: null,
        source: null,
        levels: [level('L3', 3), level('L1', 1), level('L2', 2, 'draft')],
      },
    ],
  });

  it('orders tracks by id and levels by rank, and derives ids from paths', () => {
    expect(framework.tracks.map((t) => t.id)).toEqual(['alpha', 'zeta']);
    expect(framework.levels.map((l) => l.id)).toEqual(['alpha/L1', 'alpha/L2', 'alpha/L3', 'zeta/L1']);
    expect(framework.item('alpha/L3/domain-expertise/x2')?.text).toBe('I did another.');
    expect(framework.competency('alpha/L1/domain-expertise')?.emoji).toBe('🦉');
  });

  it('skips drafts when finding neighbours of a published level', () => {
    const l1 = framework.level('alpha/L1')!;
    const l2 = framework.level('alpha/L2')!;
    expect(framework.next(l1)?.code).toBe('L3');
    expect(framework.previous(framework.level('alpha/L3')!)?.code).toBe('L1');
    expect(framework.next(l2)?.code).toBe('L3');
    expect(framework.previous(l1)).toBeNull();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(framework.level('alpha/L1'))).toBe(true);
    expect(framework.level('nope')).toBeNull();
  });

  it('finds ids case-insensitively where only one entity has that id', () => {
    expect(framework.level('ALPHA/l3')?.id).toBe('alpha/L3');
    expect(framework.track('Alpha')?.id).toBe('alpha');
    expect(framework.competency('alpha/l1/Domain-Expertise')?.id).toBe('alpha/L1/domain-expertise');
  });

  it('does not guess between ids that differ only in case', () => {
    const both = new Framework({
      version: 'v',
      loadedAt: new Date(0),
      tracks: [
        { id: 'x', name: 'X', description: null, source: null, levels: [level('L1', 1), level('l1', 2)] },
      ],
    });
    expect(both.level('x/L1')?.rank).toBe(1);
    expect(both.level('x/l1')?.rank).toBe(2);
    expect(both.level('X/L1')).toBeNull();
  });
});
