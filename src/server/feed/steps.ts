import { GraphQLError } from 'graphql';
import { frameworkChanges, levelItemCount } from '../../domain/changes';
import type { Framework } from '../../domain/framework';
import type { FrameworkVersion } from '../../domain/versions';
import { VERSION_CONTENT_INVALID, type RequestVersions } from '../../graphql/versions';

/** Entries in a feed: the newest steps, as feed readers expect (they keep what they have seen). */
export const FEED_ENTRIES = 20;
/**
 * Versions read to fill a track's feed: each is a framework loaded from git, and a track that
 * changed rarely would otherwise read the whole history for one request.
 */
export const FEED_SCAN = 50;

/** One level in a step, as a feed entry shows it: plain data, so a remembered feed holds no framework. */
export interface StepLevel {
  readonly change: 'added' | 'removed' | 'changed';
  /** `track/code`, without a version. */
  readonly id: string;
  readonly trackId: string;
  readonly code: string;
  readonly title: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/** A published version and what it changed since the version before it that the caller may see. */
export interface Step {
  readonly version: FrameworkVersion;
  /** The version before it; null for the first version. */
  readonly parent: FrameworkVersion | null;
  /** Null when either side has content errors and cannot be compared. */
  readonly levels: readonly StepLevel[] | null;
}

/**
 * The newest steps of the caller's history, newest first, each compared with the version before it
 * (as the caller sees both: without drafts unless permitted); with `track`, only steps that changed
 * it, and only its levels. Remembered per history index and view, so a feed reader polling costs one
 * computation per change of history.
 */
export async function feedSteps(versions: RequestVersions, track: string | null): Promise<readonly Step[]> {
  const lineage = await versions.lineage();
  return versions.memo(`feed:${track ?? ''}`, async () => {
    const steps: Step[] = [];
    for (let i = 0; i < lineage.length && i < FEED_SCAN && steps.length < FEED_ENTRIES; i++) {
      const version = lineage[i]!;
      const parent = lineage[i + 1] ?? null;
      const levels = await stepLevels(versions, version, parent);
      const shown = levels && track !== null ? levels.filter((l) => l.trackId === track) : levels;
      if (track !== null && shown !== null && shown.length === 0) continue;
      steps.push({ version, parent, levels: shown });
    }
    return steps;
  });
}

async function stepLevels(
  versions: RequestVersions,
  version: FrameworkVersion,
  parent: FrameworkVersion | null,
): Promise<StepLevel[] | null> {
  const later = await loaded(versions, version);
  const earlier = parent ? await loaded(versions, parent) : null;
  if (!later || (parent && !earlier)) return null;
  const changes = frameworkChanges(earlier ?? { levels: [] }, later);
  const plain = (level: { trackId: string; code: string; title: string }) => ({
    id: `${level.trackId}/${level.code}`,
    trackId: level.trackId,
    code: level.code,
    title: level.title,
  });
  return [
    ...changes.addedLevels.map((l) => ({
      change: 'added' as const,
      ...plain(l),
      added: levelItemCount(l),
      removed: 0,
      changed: 0,
    })),
    ...changes.changedLevels.map((d) => ({
      change: 'changed' as const,
      ...plain(d.to),
      added: d.summary.added,
      removed: d.summary.removed,
      changed: d.summary.changed,
    })),
    ...changes.removedLevels.map((l) => ({
      change: 'removed' as const,
      ...plain(l),
      added: 0,
      removed: levelItemCount(l),
      changed: 0,
    })),
  ];
}

/** The framework at a version, or null when its content has errors (the entry says so). */
async function loaded(versions: RequestVersions, version: FrameworkVersion): Promise<Framework | null> {
  try {
    return await versions.frameworkAt(version);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === VERSION_CONTENT_INVALID) return null;
    throw error;
  }
}
