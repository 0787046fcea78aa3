import type { Level } from '../entities';
import type { TermWeights } from './counterparts';

/** How an attribute, competency or item differs between the two levels. */
export type ChangeStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** Whether a piece of text is in both sentences, only in the new one, or only in the old one. */
export type SegmentKind = 'equal' | 'inserted' | 'deleted';

/** A run of text in a word-level diff. */
export interface TextSegment {
  readonly kind: SegmentKind;
  readonly text: string;
}

/** One expectation or example across the two levels: kept, reworded, added or removed. */
export interface TextChange {
  readonly status: ChangeStatus;
  /** The text in the `from` level; null when added. */
  readonly from: string | null;
  /** The text in the `to` level; null when removed. */
  readonly to: string | null;
  /** 1-based position in the `from` competency; null when added. */
  readonly fromPosition: number | null;
  /** 1-based position in the `to` competency; null when removed. */
  readonly toPosition: number | null;
  /**
   * 1 when unchanged, 0 when added or removed, the word similarity when changed (which is 1 when only
   * punctuation, case or spacing changed). A rewording scores at least the rewording threshold; a
   * counterpart (the same idea in other words, as across tracks) may score below it.
   */
  readonly similarity: number;
  /** Equal + deleted segments rebuild `from` exactly; equal + inserted rebuild `to` exactly. */
  readonly segments: TextSegment[];
}

/** One attribute key across the two levels. */
export interface AttributeChange {
  readonly key: string;
  /** The label in `to`, or in `from` when only `from` has the attribute. */
  readonly label: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly status: ChangeStatus;
}

/** One competency (matched by slug) across the two levels. */
export interface CompetencyDiff {
  readonly slug: string;
  /** Name and emoji of the `to` competency, or of the `from` one when it was removed. */
  readonly name: string;
  readonly emoji: string | null;
  readonly status: ChangeStatus;
  readonly expectations: TextChange[];
  readonly examples: TextChange[];
  /** The counts for this competency alone. */
  readonly summary: DiffSummary;
}

/** Counts over expectations and examples together. */
export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly unchanged: number;
}

/** What changes from one level to another. */
export interface LevelDiff {
  readonly from: Level;
  readonly to: Level;
  /** Keys in `to`'s order, then those only `from` has. */
  readonly attributes: AttributeChange[];
  /** Competencies in `to`'s order, then those only `from` has. */
  readonly competencies: CompetencyDiff[];
  readonly summary: DiffSummary;
}

/** Tuning for {@link diffLevels} and {@link diffTexts}. */
export interface DiffOptions {
  /** Lowest word similarity at which two different items count as a rewording; default REWORDING_THRESHOLD. */
  readonly threshold?: number;
  /**
   * Lowest counterpart score at which two items that no rewording paired count as one changed item;
   * default COUNTERPART_THRESHOLD. Above 1, no counterparts are paired.
   */
  readonly counterpartThreshold?: number;
}

/** Tuning for {@link diffTexts}. */
export interface TextDiffOptions extends DiffOptions {
  /**
   * Term weights to pair counterparts by; without them only identical items and rewordings pair.
   * diffLevels passes weights over the items of both levels.
   */
  readonly weights?: TermWeights;
}
