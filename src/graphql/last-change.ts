import { GraphQLError } from 'graphql';
import { frameworkChanges } from '../domain/changes';
import type { Level } from '../domain/entities';
import type { Framework } from '../domain/framework';
import { labelOf, type FrameworkVersion } from '../domain/versions';
import { VERSION_CONTENT_INVALID, type RequestVersions, type VersionAnswer } from './versions';

/**
 * How many versions back `Level.lastChange` looks: each is a version read from git, so the walk stays
 * within the history's default cache (16) and a level page never reads the whole history.
 */
export const LAST_CHANGE_VERSIONS = 12;

/** The answer of `Level.lastChange`. */
export interface LastChange {
  readonly version: VersionAnswer | null;
  readonly since: VersionAnswer;
  readonly from: Level | null;
}

// frameworks are immutable, so which levels differ between two of them is computed once
const differing = new WeakMap<Framework, WeakMap<Framework, ReadonlySet<string>>>();

/** The levels (track/code) added or changed from `earlier` to `later`, by the domain's own rule. */
function addedOrChanged(earlier: Framework, later: Framework): ReadonlySet<string> {
  let byLater = differing.get(earlier);
  if (!byLater) differing.set(earlier, (byLater = new WeakMap()));
  let keys = byLater.get(later);
  if (!keys) {
    const changes = frameworkChanges(earlier, later);
    keys = new Set([
      ...changes.addedLevels.map((l) => `${l.trackId}/${l.code}`),
      ...changes.changedLevels.map((d) => `${d.to.trackId}/${d.to.code}`),
    ]);
    byLater.set(later, keys);
  }
  return keys;
}

/**
 * The latest version, among the {@link LAST_CHANGE_VERSIONS} before the level's own, whose content of
 * the level differs from the version before it; null without history or when none of them changed it.
 * A version whose content has errors is stepped over, as it was never served.
 */
export async function lastChange(versions: RequestVersions, level: Level): Promise<LastChange | null> {
  const label = labelOf(level.id);
  let newerVersion: VersionAnswer | null;
  if (label === null) newerVersion = await versions.currentVersion();
  else {
    const version = await versions.resolve(label);
    if (!version) return null;
    newerVersion = { ...version, requested: label };
  }
  let newer = versions.frameworkOf(level.id);
  // one line of history: versions only on other branches are not what the served content came from
  const all: readonly FrameworkVersion[] = (await versions.list(Number.MAX_SAFE_INTEGER)).filter(
    (v) => v.published,
  );
  const start = newerVersion === null ? 0 : all.findIndex((v) => v.id === newerVersion!.id) + 1;
  const key = `${level.trackId}/${level.code}`;
  for (const version of all.slice(start, start + LAST_CHANGE_VERSIONS)) {
    let older: Framework;
    try {
      older = await versions.frameworkAt(version);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === VERSION_CONTENT_INVALID) continue;
      throw error;
    }
    if (addedOrChanged(older, newer).has(key)) {
      const from = older.levels.find((l) => l.trackId === level.trackId && l.code === level.code) ?? null;
      return { version: newerVersion, since: version, from };
    }
    newer = older;
    newerVersion = version;
  }
  return null;
}
