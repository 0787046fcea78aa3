import { GraphQLError } from 'graphql';
import { frameworkChanges } from '../domain/changes';
import type { Level } from '../domain/entities';
import type { Framework } from '../domain/framework';
import { labelOf } from '../domain/versions';
import { VERSION_CONTENT_INVALID, type RequestVersions, type VersionAnswer } from './versions';

/**
 * How many versions back `Level.lastChange` looks: each is a version read from git, so the walk fits
 * in the versions one request may load (MAX_VERSION_LOADS, with the level's own version) and a level
 * page never reads the whole history.
 */
export const LAST_CHANGE_VERSIONS = 6;

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

/** Each level's last change along one line of history, by track/code. */
type Walk = ReadonlyMap<string, LastChange>;

/**
 * The latest version, among the {@link LAST_CHANGE_VERSIONS} before the level's own, whose content of
 * the level differs from the version before it; null without history or when none of them changed it.
 * A version whose content has errors is stepped over, as it was never served. The walk is made once
 * for every level of the version it starts from, and shared (per history index and caller view) by
 * every level, alias and request that starts there.
 */
export async function lastChange(versions: RequestVersions, level: Level): Promise<LastChange | null> {
  const label = labelOf(level.id);
  let start: VersionAnswer | null;
  if (label === null) start = await versions.currentVersion();
  else {
    const version = await versions.resolve(label);
    if (!version) return null;
    start = { ...version, requested: label };
  }
  const newest = versions.frameworkOf(level.id);
  const key = `lastChange:${start?.id ?? '-'}:${label === null ? newest.version : (start?.requested ?? '')}`;
  const walk = await versions.memo(key, () => walkFrom(versions, start, newest));
  const found = walk.get(`${level.trackId}/${level.code}`) ?? null;
  // an entity of this answer read from the walk's versions is looked up there for its back-references
  if (found) versions.remember(found.since);
  return found;
}

async function walkFrom(
  versions: RequestVersions,
  start: VersionAnswer | null,
  newest: Framework,
): Promise<Walk> {
  // one line of history: versions only on other branches are not what the served content came from
  const line = await versions.lineage();
  const from = start === null ? 0 : line.findIndex((v) => v.id === start.id) + 1;
  const found = new Map<string, LastChange>();
  const open = new Set(newest.levels.map((l) => `${l.trackId}/${l.code}`));
  let newer = newest;
  let newerVersion = start;
  for (const version of line.slice(from, from + LAST_CHANGE_VERSIONS)) {
    if (open.size === 0) break;
    let older: Framework;
    try {
      older = await versions.frameworkAt(version);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === VERSION_CONTENT_INVALID) continue;
      throw error;
    }
    for (const key of addedOrChanged(older, newer)) {
      if (!open.delete(key)) continue;
      const [trackId, code] = key.split('/') as [string, string];
      const from = older.levels.find((l) => l.trackId === trackId && l.code === code) ?? null;
      found.set(key, { version: newerVersion, since: version, from });
    }
    newer = older;
    newerVersion = version;
  }
  return found;
}
