import type { LevelData } from '../domain/framework';
import type { Misnamed } from './level/title';
import { problem, type ContentProblem } from './problem';

/** A level file as this check needs it. */
interface File {
  readonly level: LevelData | null;
  readonly misnamed: Misnamed | null;
}

/**
 * The level files of a track named after another level than their title makes them (`L3.md` titled
 * `# L2: …`). A duplicate code or rank such a file makes is its slip, so the track's checks report
 * the duplicate with this file's fix ({@link explain}); the slips no duplicate explains are reported
 * on their own ({@link unexplained}), and a rank gap at a file's number is the same slip again.
 */
export class MisnamedLevels {
  private readonly byLevel = new Map<LevelData, Misnamed>();
  private readonly explained = new Set<LevelData>();

  constructor(files: readonly File[]) {
    for (const { level, misnamed } of files) if (level && misnamed) this.byLevel.set(level, misnamed);
  }

  /** The slip of a level's file, if it is misnamed. */
  of(level: LevelData): Misnamed | undefined {
    return this.byLevel.get(level);
  }

  /** The slip of a level's file, now reported by the caller as the cause of its problem. */
  explain(level: LevelData): Misnamed | undefined {
    const slip = this.byLevel.get(level);
    if (slip) this.explained.add(level);
    return slip;
  }

  /** A `title-file-mismatch` warning at the title of every slip not yet explained. */
  unexplained(): ContentProblem[] {
    return [...this.byLevel]
      .filter(([level]) => !this.explained.has(level))
      .map(([level, { slip, fix }]) =>
        problem(
          'title-file-mismatch',
          level.source.path,
          level.source.line,
          1,
          `${slip}; ${fix}, or rename the file if it is meant to be ${level.code}.`,
        ),
      );
  }

  /** Whether a misnamed file is named after a rank strictly between the two. */
  fileRankBetween(low: number, high: number): boolean {
    return [...this.byLevel.values()].some((m) => m.fileRank > low && m.fileRank < high);
  }
}
