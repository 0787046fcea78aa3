import type {
  Attribute,
  Competency,
  Item,
  Level,
  LevelStatus,
  Progression,
  SourceLocation,
  Track,
} from './entities';

/** A competency as the loader read it, before ids are assigned. */
export interface CompetencyData {
  readonly slug: string;
  readonly name: string;
  readonly emoji: string | null;
  readonly expectations: readonly ItemData[];
  readonly examples: readonly ItemData[];
  readonly source: SourceLocation;
}

/** An expectation or example as the loader read it. */
export interface ItemData {
  readonly text: string;
  readonly source: SourceLocation;
}

/** A level as the loader read it, before ids are assigned. */
export interface LevelData {
  readonly code: string;
  readonly rank: number;
  readonly title: string;
  readonly summary: string | null;
  readonly status: LevelStatus;
  readonly attributes: readonly Attribute[];
  readonly competencies: readonly CompetencyData[];
  readonly source: SourceLocation;
}

/** A track as the loader read it. Level codes and competency slugs must already be unique. */
export interface TrackData {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  /** Standalone when omitted. */
  readonly progression?: Progression;
  readonly levels: readonly LevelData[];
  readonly source: SourceLocation | null;
}

/** Everything the loader hands over: checked data plus the version of the files it came from. */
export interface FrameworkData {
  /** The version of every file, drafts included. */
  readonly version: string;
  /**
   * The version of the published files only (no draft level files, no track whose levels are all
   * drafts): the version of {@link withoutDrafts}' view. `version` when omitted.
   */
  readonly publishedVersion?: string;
  readonly loadedAt: Date;
  readonly tracks: readonly TrackData[];
  /**
   * Set when the content is a version other than the one being served (a tag or a short commit hash):
   * every level id then carries it, `track/L3@v2026.1`, and so do the ids below the level.
   */
  readonly ref?: string | null;
}

/**
 * The loaded framework: immutable entities plus the indexes every question needs.
 * It is only built from data the loader has checked, so nothing downstream re-validates it.
 */
export class Framework {
  readonly version: string;
  readonly loadedAt: Date;
  /** The version's ref written into every level id; null for the content being served. */
  readonly ref: string | null;
  /** Ordered by id. */
  readonly tracks: readonly Track[];
  /** Every level, drafts included, ordered by track then rank. */
  readonly levels: readonly Level[];
  private readonly tracksById = new IdIndex<Track>();
  private readonly levelsById = new IdIndex<Level>();
  private readonly competenciesById = new IdIndex<Competency>();
  private readonly itemsById = new IdIndex<Item>();

  constructor(data: FrameworkData) {
    dataOf.set(this, data);
    this.version = data.version;
    this.loadedAt = data.loadedAt;
    this.ref = data.ref ?? null;
    const suffix = this.ref === null ? '' : `@${this.ref}`;
    this.tracks = [...data.tracks]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((t) => buildTrack(t, suffix));
    this.levels = this.tracks.flatMap((t) => t.levels);
    for (const track of this.tracks) {
      this.tracksById.set(track.id, track);
      for (const level of track.levels) {
        this.levelsById.set(level.id, level);
        for (const competency of level.competencies) {
          this.competenciesById.set(competency.id, competency);
          for (const item of [...competency.expectations, ...competency.examples])
            this.itemsById.set(item.id, item);
        }
      }
    }
    Object.freeze(this);
  }

  /** A track by id; ids match case-insensitively where that names one track. */
  track(id: string): Track | null {
    return this.tracksById.get(id);
  }

  /** A level by id ('software-engineer/l3' finds 'software-engineer/L3'). */
  level(id: string): Level | null {
    return this.levelsById.get(id);
  }

  competency(id: string): Competency | null {
    return this.competenciesById.get(id);
  }

  /** An expectation or example by id. */
  item(id: string): Item | null {
    return this.itemsById.get(id);
  }

  /** The levels a reader sees on a track: published ones, and drafts only when asked. */
  visibleLevels(track: Track, includeDrafts = false): readonly Level[] {
    return includeDrafts ? track.levels : track.levels.filter((l) => l.status === 'published');
  }

  /** The level before this one on its track; drafts are skipped unless the level itself is a draft. */
  previous(level: Level): Level | null {
    const row = this.neighbourRow(level);
    return row[row.findIndex((l) => l.id === level.id) - 1] ?? null;
  }

  /** The level after this one on its track; drafts are skipped unless the level itself is a draft. */
  next(level: Level): Level | null {
    const row = this.neighbourRow(level);
    const at = row.findIndex((l) => l.id === level.id);
    return at === -1 ? null : (row[at + 1] ?? null);
  }

  // by id, not identity: a caller may hold a copy (a federation gateway's entity, for one)
  private neighbourRow(level: Level): readonly Level[] {
    const track = this.tracksById.get(level.trackId);
    if (!track) return [level];
    return track.levels.filter((l) => l.status === 'published' || l.id === level.id);
  }
}

/** What each Framework was built from, so a view of it can be built the same way. */
const dataOf = new WeakMap<Framework, FrameworkData>();
const published = new WeakMap<Framework, Framework>();

/**
 * The framework as someone without the drafts permission sees it: draft levels are gone, as if they
 * had never been written, so every lookup, list, neighbour, matrix, diff and search built on it
 * leaves them out without knowing about permissions. A track whose levels are all drafts goes too.
 * Its version is the published files' version, so an edit to drafts alone changes nothing the
 * caller can see, not even the version (and so no ETag, cache key or metrics label).
 */
export function withoutDrafts(framework: Framework): Framework {
  let view = published.get(framework);
  if (view) return view;
  const data = dataOf.get(framework)!;
  const publishedVersion = data.publishedVersion ?? data.version;
  const hasDrafts =
    framework.levels.some((l) => l.status === 'draft') || publishedVersion !== framework.version;
  view = hasDrafts
    ? new Framework({
        ...data,
        version: publishedVersion,
        publishedVersion,
        tracks: data.tracks
          .map((t) => ({ ...t, levels: t.levels.filter((l) => l.status !== 'draft') }))
          .filter((t) => t.levels.length > 0),
      })
    : framework;
  published.set(framework, view);
  return view;
}

function buildTrack(data: TrackData, suffix: string): Track {
  const levels = [...data.levels]
    .sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : 1))
    .map((l) => buildLevel(data.id, l, suffix));
  return Object.freeze({
    id: data.id,
    name: data.name,
    description: data.description,
    progression: data.progression ?? 'standalone',
    levels: Object.freeze(levels),
    source: data.source,
  });
}

function buildLevel(trackId: string, data: LevelData, suffix: string): Level {
  const id = `${trackId}/${data.code}${suffix}`;
  return Object.freeze({
    id,
    trackId,
    code: data.code,
    rank: data.rank,
    title: data.title,
    summary: data.summary,
    status: data.status,
    attributes: Object.freeze(data.attributes.map((a) => Object.freeze({ ...a }))),
    competencies: Object.freeze(data.competencies.map((c) => buildCompetency(trackId, id, c))),
    source: data.source,
  });
}

function buildCompetency(trackId: string, levelId: string, data: CompetencyData): Competency {
  const id = `${levelId}/${data.slug}`;
  const items = (kind: Item['kind'], prefix: string, data: readonly ItemData[]): readonly Item[] =>
    Object.freeze(
      data.map((d, i) =>
        Object.freeze({
          id: `${id}/${prefix}${i + 1}`,
          kind,
          text: d.text,
          position: i + 1,
          competencyId: id,
          levelId,
          trackId,
          source: d.source,
        }),
      ),
    );
  return Object.freeze({
    id,
    slug: data.slug,
    name: data.name,
    emoji: data.emoji,
    levelId,
    trackId,
    expectations: items('expectation', 'e', data.expectations),
    examples: items('example', 'x', data.examples),
    source: data.source,
  });
}

/**
 * Entities by id, exact first, then case-insensitively when exactly one id folds to the same text:
 * people type 'l3' for 'L3', but two ids that differ only in case must not be confused.
 */
class IdIndex<T> {
  private readonly exact = new Map<string, T>();
  /** Folded id → the one entity with it, or null when several share it. */
  private readonly folded = new Map<string, T | null>();

  set(id: string, value: T): void {
    this.exact.set(id, value);
    const key = id.toLowerCase();
    this.folded.set(key, this.folded.has(key) ? null : value);
  }

  get(id: string): T | null {
    return this.exact.get(id) ?? this.folded.get(id.toLowerCase()) ?? null;
  }
}
