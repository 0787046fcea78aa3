import type { Competency, Item, Level, Track } from '../../domain/entities';
import { spacedTokens } from '../../domain/text/words';
import { MAX_TAGS_PER_VERSION } from '../../domain/versions';
import { MAX_VERSIONS_LIMIT } from '../limits';

/** How many objects one list field returns over a part of the content: in all, and at most for one parent. */
export interface ListSize {
  readonly total: number;
  readonly max: number;
}

/** List sizes by `Type.field`, over the part of the content a scope covers. */
export type Sizes = ReadonlyMap<string, ListSize>;

/** Sizes that are summed over parents and maximised per parent. */
class Tally {
  private readonly sizes = new Map<string, { total: number; max: number }>();

  add(key: string, count: number): void {
    const size = this.sizes.get(key);
    if (!size) this.sizes.set(key, { total: count, max: count });
    else {
      size.total += count;
      if (count > size.max) size.max = count;
    }
  }

  /** A list that is returned once for the whole scope (a root list, a diff's competencies). */
  once(key: string, count: number): void {
    this.sizes.set(key, { total: count, max: count });
  }

  /** A list whose length the code bounds, not the content: `max` for one parent, `total` over all. */
  bounded(key: string, total: number, max: number): void {
    this.sizes.set(key, { total, max });
  }

  done(): Sizes {
    return this.sizes;
  }
}

function addCompetency(tally: Tally, competency: Competency): void {
  tally.add('Competency.expectations', competency.expectations.length);
  tally.add('Competency.examples', competency.examples.length);
}

function addLevel(tally: Tally, level: Level): void {
  tally.add('Level.competencies', level.competencies.length);
  tally.add('Level.attributes', level.attributes.length);
  for (const competency of level.competencies) addCompetency(tally, competency);
}

const itemsOf = (level: Level) =>
  level.competencies.reduce((n, c) => n + c.expectations.length + c.examples.length, 0);

/**
 * The sizes over whole tracks. Drafts count, so every `includeDrafts` is covered. Matrix rows are the
 * distinct slugs of a track, and each row has a cell per level. Attribute definitions are sized from
 * the attributes themselves (a key has at most one value per level that sets it), which needs no
 * normalisation rule of the domain's.
 */
export function measureTracks(tracks: readonly Track[]): Sizes {
  const tally = new Tally();
  const levels = tracks.flatMap((t) => t.levels);
  const perKey = new Map<string, number>();
  for (const track of tracks) {
    const slugs = new Set(track.levels.flatMap((l) => l.competencies.map((c) => c.slug))).size;
    tally.add('Track.levels', track.levels.length);
    tally.add('CompetencyMatrix.levels', track.levels.length);
    tally.add('CompetencyMatrix.rows', slugs);
    for (let row = 0; row < slugs; row++) tally.add('CompetencyRow.cells', track.levels.length);
    for (const level of track.levels) {
      addLevel(tally, level);
      for (const a of level.attributes) perKey.set(a.key, (perKey.get(a.key) ?? 0) + 1);
    }
  }
  tally.once('Query.tracks', tracks.length);
  tally.once('Framework.tracks', tracks.length);
  tally.once('Query.levels', levels.length);
  tally.once('Query.attributeDefinitions', perKey.size);
  tally.once('Query.versions', MAX_VERSIONS_LIMIT);
  tally.bounded('FrameworkVersion.tags', MAX_VERSIONS_LIMIT * MAX_TAGS_PER_VERSION, MAX_TAGS_PER_VERSION);
  for (const count of perKey.values()) tally.add('AttributeDefinition.values', count);
  // a search hit is a level or an item; the limit usually bounds it long before this does
  tally.once(
    'Query.search',
    levels.reduce((n, l) => n + 1 + itemsOf(l), 0),
  );
  return tally.done();
}

/** The sizes inside one level. */
export function measureLevel(level: Level): Sizes {
  const tally = new Tally();
  addLevel(tally, level);
  return tally.done();
}

/** The sizes inside one competency. */
export function measureCompetency(competency: Competency): Sizes {
  const tally = new Tally();
  addCompetency(tally, competency);
  return tally.done();
}

/**
 * What one item can add to the segments of a list of changes, from the tokens the diff cuts it into
 * (spacedTokens). A reworded pair (p, q) has at most 3·min(tokens p, tokens q) + 3 segments: each
 * token the two share closes a pending deletion, a pending insertion and white space moved to the
 * equal side, and opens an equal run, and the end closes the last ones. That is at most
 * 1.5·(tokens p + 1) + 1.5·(tokens q + 1), so charging each item 1.5·(tokens + 1) covers reworded
 * pairs, and an item kept, added or removed (one segment) as well. tests/graphql/segment-bound.test.ts
 * holds the diff to it.
 */
export function segmentCharge(text: string): number {
  return Math.ceil(1.5 * (spacedTokens(text).length + 1));
}

/** The most segments one change involving this sentence can have (a reworded pair: 3·min + 3). */
export function segmentsOfOneChange(text: string): number {
  return 3 * spacedTokens(text).length + 3;
}

/** What a list of items (one competency's expectations or examples) adds to a diff. */
interface ListCharge {
  readonly items: number;
  /** The sum of the items' segment charges. */
  readonly charge: number;
  /** The most segments of one change involving one of them. */
  readonly most: number;
}

const charges = new WeakMap<readonly Item[], ListCharge>();

/** Computed once per list of a loaded Framework, so sizing a diff reads each competency, not each item. */
function chargeOf(items: readonly Item[]): ListCharge {
  let charge = charges.get(items);
  if (!charge) {
    let sum = 0;
    let most = 0;
    for (const item of items) {
      sum += segmentCharge(item.text);
      most = Math.max(most, segmentsOfOneChange(item.text));
    }
    charge = { items: items.length, charge: sum, most };
    charges.set(items, charge);
  }
  return charge;
}

type ItemList = 'expectations' | 'examples';

/**
 * The sizes of the diff between two levels, bounded from the levels without diffing them: competencies
 * and attributes pair by slug and key, every item ends in at most one change, and the segments of a
 * list of changes are bounded by the charges of its items (see segmentCharge). The changes of
 * expectations and of examples are sized apart, so asking for both does not count either twice.
 */
export function measureDiff(from: Level, to: Level): { diff: Sizes; lists: Record<ItemList, Sizes> } {
  const tally = new Tally();
  const keys = new Set([...from.attributes, ...to.attributes].map((a) => a.key));
  const before = new Map(from.competencies.map((c) => [c.slug, c]));
  const pairs: [Competency | undefined, Competency | undefined][] = to.competencies.map((c) => [
    before.get(c.slug),
    c,
  ]);
  const after = new Set(to.competencies.map((c) => c.slug));
  for (const c of from.competencies) if (!after.has(c.slug)) pairs.push([c, undefined]);
  tally.once('LevelDiff.attributes', keys.size);
  tally.once('LevelDiff.competencies', pairs.length);
  const lists = {} as Record<ItemList, Sizes>;
  for (const list of ['expectations', 'examples'] as const) {
    let charge = 0;
    let most = 0;
    for (const [a, b] of pairs) {
      const sides = [a, b].flatMap((c) => (c ? [chargeOf(c[list])] : []));
      tally.add(
        `CompetencyDiff.${list}`,
        sides.reduce((n, side) => n + side.items, 0),
      );
      for (const side of sides) {
        charge += side.charge;
        most = Math.max(most, side.most);
      }
    }
    lists[list] = new Map([['TextChange.segments', { total: charge, max: most }]]);
  }
  return { diff: tally.done(), lists };
}
