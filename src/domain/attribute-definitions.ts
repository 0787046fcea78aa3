import type { Level } from './entities';
import type { Framework } from './framework';
import { normaliseForMatch } from './text/normalise';

/** An attribute key with the values it takes, for a dashboard's dropdowns. */
export interface AttributeDefinition {
  readonly key: string;
  /** The label as first written in the content. */
  readonly label: string;
  /** Distinct values in rank order. */
  readonly values: string[];
}

/**
 * Every attribute key of the published levels (of one track, when given), in the order first seen, with
 * its distinct values in rank order. Levels are walked by rank, then by track id, so a value first used
 * at L2 on any track comes before one first used at L3.
 *
 * Drafts are left out: a dropdown built from this answer should not reveal values that only unpublished
 * levels use. Values that differ only in case or spacing count as one (the filter would not tell them
 * apart either); the spelling first seen is kept. An unknown track gives an empty list.
 */
export function attributeDefinitions(framework: Framework, trackId?: string | null): AttributeDefinition[] {
  const levels = framework.levels
    .filter((l) => l.status === 'published' && (trackId == null || l.trackId === trackId))
    .sort(byRankThenTrack);
  const definitions = new Map<string, { key: string; label: string; values: string[]; seen: Set<string> }>();
  for (const level of levels) {
    for (const { key, label, value } of level.attributes) {
      let definition = definitions.get(key);
      if (!definition) {
        definition = { key, label, values: [], seen: new Set() };
        definitions.set(key, definition);
      }
      const normalised = normaliseForMatch(value);
      if (definition.seen.has(normalised)) continue;
      definition.seen.add(normalised);
      definition.values.push(value);
    }
  }
  return [...definitions.values()].map(({ key, label, values }) => ({ key, label, values }));
}

// framework.levels is ordered by track then rank; Array.prototype.sort is stable, so equal ranks keep
// that track order.
function byRankThenTrack(a: Level, b: Level): number {
  return a.rank - b.rank;
}
