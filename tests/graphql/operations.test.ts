import type { Framework } from '../../src/domain/framework';
import { bundledFramework } from '../support/bundled';
import { codes, execute } from './execute';

let framework: Framework;
beforeAll(async () => {
  framework = await bundledFramework();
});

describe('lookups', () => {
  it('answers the framework, its tracks and their levels in rank order', async () => {
    const result = await execute(
      framework,
      `{ framework { version loadedAt tracks { id name description levels { id code rank } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as {
      framework: { version: string; loadedAt: string; tracks: { id: string; levels: { rank: number }[] }[] };
    };
    expect(data.framework.version).toBe(framework.version);
    expect(new Date(data.framework.loadedAt).getTime()).toBe(framework.loadedAt.getTime());
    expect(data.framework.tracks.map((t) => t.id)).toEqual([
      'site-reliability-engineer',
      'software-engineer',
    ]);
    for (const track of data.framework.tracks) {
      expect(track.levels.map((l) => l.rank)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('resolves a level with its named attributes, neighbours, track and source', async () => {
    const result = await execute(
      framework,
      `{ level(id: "site-reliability-engineer/L3") {
          id code rank title summary status planningHorizon impactRadius evaluation responsibilityAndDirectionNeeded
          attributes { key label value } attribute(key: "impactRadius")
          previous { id } next { id } track { id } source { path line }
          competency(slug: "domain-expertise") { id name emoji level { id } expectations { id position text competency { id } level { id } } examples { id position } }
          competencies { slug }
        } }`,
    );
    expect(result.errors).toBeUndefined();
    const level = (result.data as { level: Record<string, unknown> }).level as any;
    expect(level).toMatchObject({
      id: 'site-reliability-engineer/L3',
      code: 'L3',
      rank: 3,
      title: 'Senior Site Reliability Engineer',
      status: 'PUBLISHED',
      planningHorizon: 'Current and next cycle',
      impactRadius: 'Peers (2-5)',
      evaluation: 'Manager',
      attribute: 'Peers (2-5)',
      previous: { id: 'site-reliability-engineer/L2' },
      next: { id: 'site-reliability-engineer/L4' },
      track: { id: 'site-reliability-engineer' },
      source: { path: 'site-reliability-engineer/L3.md', line: 1 },
    });
    expect(level.summary).toMatch(/^I am a highly sought-after member/);
    expect(level.attributes.map((a: { key: string }) => a.key)).toEqual([
      'planningHorizon',
      'impactRadius',
      'evaluation',
      'responsibilityAndDirectionNeeded',
    ]);
    expect(level.competency).toMatchObject({
      id: 'site-reliability-engineer/L3/domain-expertise',
      emoji: '🦉',
    });
    expect(level.competency.expectations[1]).toMatchObject({
      id: 'site-reliability-engineer/L3/domain-expertise/e2',
      position: 2,
      competency: { id: 'site-reliability-engineer/L3/domain-expertise' },
      level: { id: 'site-reliability-engineer/L3' },
    });
    expect(level.competency.expectations[2].text).toBe(
      "I am able to codify conventions (where appropriate) into my team's systems",
    );
    expect(level.competencies.map((c: { slug: string }) => c.slug)).toEqual([
      'domain-expertise',
      'teaching-and-mentoring',
      'culture-and-leadership',
      'customer-success',
    ]);
  });

  it('answers null for unknown ids, and looks items up by id', async () => {
    const result = await execute(
      framework,
      `{ level(id: "nope/L1") { id } track(id: "nope") { id }
         expectation(id: "software-engineer/L1/domain-expertise/e1") { id text }
         example(id: "software-engineer/L1/domain-expertise/x1") { id text }
         wrongKind: example(id: "software-engineer/L1/domain-expertise/e1") { id } }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as any;
    expect(data.level).toBeNull();
    expect(data.track).toBeNull();
    expect(data.wrongKind).toBeNull();
    expect(data.expectation.text).toBe(framework.item('software-engineer/L1/domain-expertise/e1')!.text);
    expect(data.example.id).toBe('software-engineer/L1/domain-expertise/x1');
  });
});

describe('levels(filter:)', () => {
  it('filters by impact radius, rank range and track, ordered by track then rank', async () => {
    const result = await execute(framework, `query($f: LevelFilter) { levels(filter: $f) { id } }`, {
      f: { impactRadius: { contains: '  PEERS ' }, rankMin: 2 },
    });
    expect(result.errors).toBeUndefined();
    const ids = (result.data as { levels: { id: string }[] }).levels.map((l) => l.id);
    const expected = framework.levels
      .filter(
        (l) =>
          l.rank >= 2 &&
          (l.attributes.find((a) => a.key === 'impactRadius')?.value ?? '').toLowerCase().includes('peers'),
      )
      .map((l) => l.id);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(0);
  });

  it('gives each attribute key its values in rank order', async () => {
    const result = await execute(
      framework,
      `{ attributeDefinitions(track: "site-reliability-engineer") { key label values } }`,
    );
    expect(result.errors).toBeUndefined();
    const defs = (result.data as { attributeDefinitions: { key: string; values: string[] }[] })
      .attributeDefinitions;
    const radius = defs.find((d) => d.key === 'impactRadius')!;
    const byRank = framework
      .track('site-reliability-engineer')!
      .levels.map((l) => l.attributes.find((a) => a.key === 'impactRadius')!.value);
    expect(radius.values).toEqual([...new Set(byRank)]);
  });
});

describe('argument validation', () => {
  it.each([
    ['search text too long', `{ search(query: "${'x'.repeat(201)}") { id } }`, 'query'],
    ['empty search text', `{ search(query: "") { id } }`, 'query'],
    ['limit above 100', `{ search(query: "team", limit: 101) { id } }`, 'limit'],
    ['limit below 1', `{ search(query: "team", limit: 0) { id } }`, 'limit'],
    ['rank below 1', `{ levels(filter: { rankMin: 0 }) { id } }`, 'filter.rankMin'],
    ['rank above 100', `{ levels(filter: { rankMax: 101 }) { id } }`, 'filter.rankMax'],
    ['id too long', `{ level(id: "${'a'.repeat(201)}") { id } }`, 'id'],
    ['diff id too long', `{ diffLevels(from: "${'a'.repeat(201)}", to: "x") { summary { added } } }`, 'from'],
  ])('%s is BAD_USER_INPUT naming the argument', async (_name, source, argument) => {
    const result = await execute(framework, source);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.argument).toBe(argument);
  });
});

describe('diffLevels', () => {
  it('answers the L2 to L3 diff with a summary that counts its items', async () => {
    const result = await execute(
      framework,
      `{ diffLevels(from: "site-reliability-engineer/L2", to: "site-reliability-engineer/L3") {
          from { id } to { id }
          attributes { key status from to }
          competencies { slug status expectations { status from to similarity segments { kind text } } examples { status } }
          summary { added removed changed unchanged } } }`,
    );
    expect(result.errors).toBeUndefined();
    const diff = (result.data as any).diffLevels;
    expect(diff.from.id).toBe('site-reliability-engineer/L2');
    const statuses = diff.competencies.flatMap((c: any) =>
      [...c.expectations, ...c.examples].map((i: any) => i.status),
    );
    const count = (s: string) => statuses.filter((x: string) => x === s).length;
    expect(diff.summary).toEqual({
      added: count('ADDED'),
      removed: count('REMOVED'),
      changed: count('CHANGED'),
      unchanged: count('UNCHANGED'),
    });
    // levels are cumulative and never repeat an item word for word, so nothing is UNCHANGED here
    for (const s of ['ADDED', 'REMOVED', 'CHANGED']) expect(count(s)).toBeGreaterThan(0);
    for (const change of diff.competencies.flatMap((c: any) => c.expectations)) {
      const text = (kinds: string[]) =>
        change.segments
          .filter((s: any) => kinds.includes(s.kind))
          .map((s: any) => s.text)
          .join('');
      expect(text(['EQUAL', 'DELETED'])).toBe(change.from ?? '');
      expect(text(['EQUAL', 'INSERTED'])).toBe(change.to ?? '');
    }
  });

  it('is BAD_USER_INPUT for an unknown id, suggesting the closest ids', async () => {
    const result = await execute(
      framework,
      `{ diffLevels(from: "site-reliability-engineer/L9", to: "site-reliability-engineer/L3") { summary { added } } }`,
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.argument).toBe('from');
    expect(result.errors![0]!.extensions!.suggestions).toContain('site-reliability-engineer/L5');
  });
});

describe('search and matrix', () => {
  it('searches best first with level and competency resolved', async () => {
    const result = await execute(
      framework,
      `{ search(query: "incident", track: "site-reliability-engineer", limit: 5) { kind id text score level { id } competency { slug } } }`,
    );
    expect(result.errors).toBeUndefined();
    const hits = (result.data as any).search as { score: number; level: { id: string }; id: string }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(5);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const hit of hits) expect(hit.id.startsWith(hit.level.id)).toBe(true);
  });

  it('builds the competency matrix: one row per competency, one cell per level', async () => {
    const result = await execute(
      framework,
      `{ track(id: "software-engineer") { competencyMatrix { levels { code } rows { slug name emoji cells { id } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const matrix = (result.data as any).track.competencyMatrix;
    expect(matrix.levels.map((l: { code: string }) => l.code)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    expect(matrix.rows).toHaveLength(4);
    for (const row of matrix.rows) {
      expect(row.cells).toHaveLength(5);
      row.cells.forEach((cell: { id: string }, i: number) =>
        expect(cell.id).toBe(`software-engineer/${matrix.levels[i].code}/${row.slug}`),
      );
    }
  });
});
