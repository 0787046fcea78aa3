import { diffLevels } from './diff/levels';
import type { LevelDiff } from './diff/types';
import type { Level } from './entities';
import type { Framework } from './framework';

/** What changed in the whole framework from one version to a later one. */
export interface FrameworkChanges {
  /** Levels only in the later version, in its order. */
  readonly addedLevels: readonly Level[];
  /** Levels only in the earlier version, in its order. */
  readonly removedLevels: readonly Level[];
  /** Levels in both whose content differs, each diffed from the earlier to the later, in the later's order. */
  readonly changedLevels: readonly LevelDiff[];
}

/**
 * The levels added, removed and changed between two frameworks. A level is the same level in both
 * when its track and code are (ids differ by their `@ref` only); it changed when anything a reader
 * sees differs: title, summary, status, attributes, competencies or their items. Where a level was
 * written (file and line) is not content, so moving it in its file changes nothing.
 */
export function frameworkChanges(
  earlier: Pick<Framework, 'levels'>,
  later: Pick<Framework, 'levels'>,
): FrameworkChanges {
  const before = new Map(earlier.levels.map((l) => [key(l), l]));
  const after = new Set(later.levels.map(key));
  const addedLevels: Level[] = [];
  const changedLevels: LevelDiff[] = [];
  for (const level of later.levels) {
    const old = before.get(key(level));
    if (!old) addedLevels.push(level);
    else if (fingerprint(old) !== fingerprint(level)) changedLevels.push(diffLevels(old, level));
  }
  const removedLevels = earlier.levels.filter((l) => !after.has(key(l)));
  return { addedLevels, removedLevels, changedLevels };
}

/** A level's expectations and examples: what adding or removing the level adds or removes. */
export function levelItemCount(level: Level): number {
  return level.competencies.reduce((n, c) => n + c.expectations.length + c.examples.length, 0);
}

function key(level: Level): string {
  return `${level.trackId}/${level.code}`;
}

const fingerprints = new WeakMap<Level, string>();

/** Everything a reader sees of a level, as one string; computed once per level. */
function fingerprint(level: Level): string {
  let text = fingerprints.get(level);
  if (text === undefined) {
    text = JSON.stringify([
      level.rank,
      level.title,
      level.summary,
      level.status,
      level.attributes.map((a) => [a.key, a.label, a.value]),
      level.competencies.map((c) => [
        c.slug,
        c.name,
        c.emoji,
        c.expectations.map((i) => i.text),
        c.examples.map((i) => i.text),
      ]),
    ]);
    fingerprints.set(level, text);
  }
  return text;
}
