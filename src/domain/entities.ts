/** Whether a level is visible by default (`published`) or only on request (`draft`). */
export type LevelStatus = 'published' | 'draft';

/** Where an entity was written, relative to the content directory; lines are 1-based. */
export interface SourceLocation {
  readonly path: string;
  readonly line: number;
}

/** One `**Label**: value` line of a level; `key` is the camelCase of `label`. */
export interface Attribute {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** An expectation or an example: a sentence in a competency, addressed by its 1-based position. */
export interface Item {
  /** `<competency id>/e<position>` for expectations, `<competency id>/x<position>` for examples. */
  readonly id: string;
  readonly kind: 'expectation' | 'example';
  readonly text: string;
  readonly position: number;
  readonly competencyId: string;
  readonly levelId: string;
  readonly trackId: string;
  readonly source: SourceLocation;
}

export interface Competency {
  /** `<level id>/<slug>` */
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly emoji: string | null;
  readonly levelId: string;
  readonly trackId: string;
  readonly expectations: readonly Item[];
  readonly examples: readonly Item[];
  readonly source: SourceLocation;
}

/** The lowest rank a level may have: content, front matter and filters all hold to this range. */
export const MIN_RANK = 1;
/** The highest rank a level may have. */
export const MAX_RANK = 100;

export interface Level {
  /** `<track id>/<code>` */
  readonly id: string;
  readonly trackId: string;
  /** `L3` */
  readonly code: string;
  /** From MIN_RANK to MAX_RANK; orders the levels of a track. */
  readonly rank: number;
  readonly title: string;
  /** The statement under the title as plain text; null when the file has none. */
  readonly summary: string | null;
  readonly status: LevelStatus;
  readonly attributes: readonly Attribute[];
  readonly competencies: readonly Competency[];
  readonly source: SourceLocation;
}

/**
 * How the levels of a track build on each other, as its track.md says: on a cumulative track each
 * level expects everything the levels below it do and lists only what is new or has grown; on a
 * standalone one each level lists everything it expects.
 */
export type Progression = 'cumulative' | 'standalone';

export interface Track {
  /** The folder name under the content directory. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly progression: Progression;
  /** Every level of the track, drafts included, ordered by rank. */
  readonly levels: readonly Level[];
  /** The track.md file when there is one. */
  readonly source: SourceLocation | null;
}

/** A level's attribute value by key, or null. */
export function attributeValue(level: Level, key: string): string | null {
  return level.attributes.find((a) => a.key === key)?.value ?? null;
}
