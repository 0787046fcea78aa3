import { expectedAt } from '../expected';
import type { Level } from '../entities';
import type { Framework } from '../framework';
import { diffExpected } from './levels';
import type { LevelDiff } from './types';

/** A level with the framework (the version, as the caller sees it) it was read from. */
export interface LevelIn {
  readonly level: Level;
  readonly framework: Framework;
}

/**
 * The reader's diff (`basis: EXPECTED`): what each level expects compared, so an expectation the
 * 'to' level still expects is never removed. Two levels of one track of one version pair by
 * identity; any other two by text.
 */
export function readersDiff(from: LevelIn, to: LevelIn): LevelDiff {
  return diffExpected(from.level, to.level, {
    from: expectedAt(from.framework, from.level),
    to: expectedAt(to.framework, to.level),
    sameTrack: from.framework === to.framework && from.level.trackId === to.level.trackId,
  });
}
