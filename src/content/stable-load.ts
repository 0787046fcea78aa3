import type { Framework } from '../domain/framework';
import { findShrinks, type Shrink } from '../domain/shrink';
import { loadContent } from './load';
import type { ContentProblem } from './problem';
import { fingerprint, settle, settleBound } from './snapshot';

/** A load retried this many times because files kept changing under it gives up until the next change. */
const MAX_ATTEMPTS = 5;

/** The outcome of one load attempt, as operators see it in logs and metrics. */
export type ReloadOutcome =
  | {
      ok: true;
      framework: Framework;
      warnings: ContentProblem[];
      durationMs: number;
      /** Levels that lost whole competencies or items compared with the version served before; served anyway. */
      shrinks: readonly Shrink[];
    }
  | {
      ok: false;
      problems: ContentProblem[];
      durationMs: number;
      /** The files kept changing while they were read, on every attempt; nothing was wrong with them. */
      unstable?: boolean;
    };

/** What one stable load produced. */
export interface StableLoad {
  /** What to serve or report. */
  readonly outcome: ReloadOutcome;
  /** The last load attempted, whatever came of it; at start-up it stands in for an unstable outcome. */
  readonly last: ReloadOutcome;
  /** The files as the outcome saw them; '' when no read was stable. */
  readonly fingerprint: string;
}

/**
 * Loads a snapshot that did not move while it was read: fingerprints every file before and after,
 * and on a difference waits until the folder has been quiet for `settleMs` and reads again, at most
 * MAX_ATTEMPTS times. A load in which a level lost whole competencies or items against `served` (a
 * file caught half-written, deleted to be recreated, a folder moved away for a moment) is accepted
 * only if one more quiet period shows no further change.
 */
export async function loadStable(
  dir: string,
  served: Framework | null,
  settleMs: number,
): Promise<StableLoad> {
  const quiet = { quietMs: settleMs, maxMs: settleBound(settleMs) };
  let before = await fingerprint(dir);
  let last: ReloadOutcome | null = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const outcome = await timedLoad(dir);
    last = outcome;
    const after = await fingerprint(dir);
    if (after === before) {
      const shrinks = outcome.ok && served ? findShrinks(served, outcome.framework) : [];
      if (shrinks.length === 0) return { outcome, last, fingerprint: after };
      const later = await settle(dir, quiet);
      if (later.fingerprint === after && outcome.ok) {
        return { outcome: { ...outcome, shrinks }, last, fingerprint: after };
      }
      before = later.fingerprint;
    } else {
      before = (await settle(dir, quiet)).fingerprint;
    }
  }
  const unstable: ReloadOutcome = {
    ok: false,
    problems: [],
    durationMs: last?.durationMs ?? 0,
    unstable: true,
  };
  // no fingerprint matches '', so the watcher tries again once the folder has settled
  return { outcome: unstable, last: last ?? unstable, fingerprint: '' };
}

async function timedLoad(dir: string): Promise<ReloadOutcome> {
  const started = performance.now();
  const result = await loadContent(dir);
  const durationMs = performance.now() - started;
  return result.ok
    ? { ok: true, framework: result.framework, warnings: result.problems, durationMs, shrinks: [] }
    : { ok: false, problems: result.problems, durationMs };
}
