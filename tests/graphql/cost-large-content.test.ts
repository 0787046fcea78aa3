import { graphql } from 'graphql';
import type { Framework } from '../../src/domain/framework';
import { DIFF, LEVEL, MATRIX, TRACKS } from '../../src/explorer/client/queries';
import { LIMITS } from '../../src/server/request-limits';
import { removeTempDirs, tempDir } from '../content/helpers';
import {
  countFields,
  estimate,
  EXAMPLES,
  explorerOperations,
  HOSTILE,
  limit,
  refusedFor,
  schema,
} from './cost-cases';
import { LARGE_TRACK, loadLargeContent } from './large-content';

// A real organisation's framework can be much larger than the bundled one: the limit must never refuse
// the explorer's own pages or the README's examples on any content the loader accepts.
const SHAPE = { levels: 20, competencies: 6, items: 100 };

let framework: Framework;
beforeAll(async () => {
  framework = await loadLargeContent(tempDir('cost-large-'), SHAPE);
});
afterAll(removeTempDirs);

/** An example with its ids moved into the generated track, so it reads the largest levels. */
const retarget = (query: string) =>
  query
    .replace(/(site-reliability-engineer|software-engineer)\/L2/g, `${LARGE_TRACK}/L19`)
    .replace(/(site-reliability-engineer|software-engineer)\/L3/g, `${LARGE_TRACK}/L20`)
    .replace(/site-reliability-engineer|software-engineer/g, LARGE_TRACK);

describe('the cost limit on a track of 20 levels with 100 expectations and 100 examples per competency', () => {
  it('loads as content the checks accept', () => {
    const track = framework.track(LARGE_TRACK)!;
    expect(track.levels).toHaveLength(SHAPE.levels);
    for (const level of track.levels)
      for (const competency of level.competencies) {
        expect(competency.expectations).toHaveLength(SHAPE.items);
        expect(competency.examples).toHaveLength(SHAPE.items);
      }
  });

  it('grows with the content: the matrix alone is over the fixed floor', () => {
    expect(estimate(framework, MATRIX, { track: LARGE_TRACK })).toBeGreaterThan(LIMITS.cost);
    expect(limit.budget(schema, framework, 'track')).toBeGreaterThan(LIMITS.cost);
  });

  it('never refuses an explorer operation, for any level, track or pair of levels', () => {
    const refused = explorerOperations(framework).filter(([, query, vars]) =>
      refusedFor(framework, query, vars),
    );
    expect(refused.map(([name]) => name)).toEqual([]);
  });

  it.each(EXAMPLES)('never refuses examples/%s, nor the same on the generated track', (_file, query) => {
    expect(refusedFor(framework, query)).toBeNull();
    expect(refusedFor(framework, retarget(query))).toBeNull();
  });

  it.each(HOSTILE)('still refuses fan-out: %s', (_name, query) => {
    expect(refusedFor(framework, query)).not.toBeNull();
  });

  it('counts a search limit over its maximum as the maximum', () => {
    const query = `{ search(query: "team", limit: 100000) { id level { competencies { expectations { id } } } } }`;
    expect(estimate(framework, query)).toBe(estimate(framework, query.replace('100000', '100')));
  });

  it('is never below the size of the real answer on the largest levels', async () => {
    const track = framework.track(LARGE_TRACK)!;
    const [a, b] = track.levels.slice(-2);
    const cases: [string, Record<string, unknown>][] = [
      [TRACKS, {}],
      [LEVEL, { id: b!.id }],
      [DIFF, { from: a!.id, to: b!.id }],
      [DIFF, { from: track.levels[0]!.id, to: b!.id }],
      [MATRIX, { track: LARGE_TRACK }],
    ];
    for (const [query, variableValues] of cases) {
      const result = await graphql({ schema, source: query, variableValues, contextValue: { framework } });
      expect(result.errors).toBeUndefined();
      expect(estimate(framework, query, variableValues)).toBeGreaterThanOrEqual(countFields(result.data));
    }
  });
});
