import type { LevelData } from '../domain/framework';
import { checkCompetencyEmoji } from './competency-emoji';
import type { Misnamed } from './level/title';
import { MisnamedLevels } from './misnamed-levels';
import { problem, type ContentProblem } from './problem';
import { checkTrackNames, type LevelNames, type NameCheck } from './track-names';

/** One level file of a track as the track's checks see it. */
export interface TrackLevelFile extends LevelNames {
  /** The level, or null when the file did not load (its errors are already reported). */
  readonly level: LevelData | null;
  /** Set when the file is named after another level than its title makes it (`L3.md` titled `# L2: …`). */
  readonly misnamed: Misnamed | null;
}

/**
 * Checks across the levels of one track, given in file path order: what no single file can know.
 * Duplicate codes and ranks are errors because ids and previous/next would be ambiguous; a gap in
 * ranks or a competency one level lacks is worth a look but may be intended. A heading or label one
 * letter off the others' is reported where it is written, as the mistake it most likely is.
 *
 * While a level file of the track fails to load, rank gaps and missing competencies are not
 * reported: the level that seems missing, or the level that seems to lack nothing, may be that very
 * file, and a warning stated as a fact about the track would send the author to the wrong file.
 * Likewise a file named after another level than its title makes it (`L3.md` titled `# L2: …`) is
 * the cause of the duplicate or the gap it makes: the problem is reported at its title, naming the
 * file, and the gap that only follows from it is not reported.
 */
export function linkTrack(files: readonly TrackLevelFile[]): ContentProblem[] {
  const levels = files.flatMap((f) => (f.level ? [f.level] : []));
  const complete = levels.length === files.length;
  const names = checkTrackNames(files);
  const misnamed = new MisnamedLevels(files);
  const problems: ContentProblem[] = [...names.problems, ...checkCompetencyEmoji(levels)];
  const unique = duplicateCodes(levels, misnamed, problems);
  duplicateRanks(unique, misnamed, problems);
  problems.push(...misnamed.unexplained());
  if (complete) {
    rankGaps(unique, misnamed, problems);
    missingCompetencies(unique, names, problems);
  }
  return problems;
}

/**
 * Reports every level whose code an earlier file already uses; returns the one kept of each code:
 * the first, unless its file is named after another level and another's is not (that file is the slip).
 */
function duplicateCodes(
  levels: readonly LevelData[],
  misnamed: MisnamedLevels,
  problems: ContentProblem[],
): LevelData[] {
  // Case-insensitive: `l2` and `L2` would be different ids that nobody could tell apart.
  const byCode = new Map<string, LevelData[]>();
  for (const level of levels) {
    const key = level.code.toUpperCase();
    byCode.set(key, [...(byCode.get(key) ?? []), level]);
  }
  const kept: LevelData[] = [];
  for (const [, group] of byCode) {
    const first = group.find((level) => !misnamed.of(level)) ?? group[0]!;
    kept.push(first);
    const times = group.length === 2 ? 'twice' : `${group.length} times`;
    for (const level of group) {
      if (level === first) continue;
      const also = `${fileName(first)}:${first.source.line}`;
      const cause = misnamed.explain(level);
      problems.push(
        problem(
          'duplicate-level',
          level.source.path,
          level.source.line,
          1,
          cause
            ? `${cause.slip}, which ${also} already is on this track; ${cause.fix}.`
            : `${level.code} is defined ${times} on this track (also in ${also}); keep one of the files or change its code.`,
        ),
      );
    }
  }
  return kept;
}

function duplicateRanks(
  levels: readonly LevelData[],
  misnamed: MisnamedLevels,
  problems: ContentProblem[],
): void {
  const firstByRank = new Map<number, LevelData>();
  // A misnamed file's level comes last, so the rank it repeats is reported at it, where the slip is.
  const slipsLast = [...levels].sort((a, b) => Number(!!misnamed.of(a)) - Number(!!misnamed.of(b)));
  for (const level of slipsLast) {
    const first = firstByRank.get(level.rank);
    if (!first) {
      firstByRank.set(level.rank, level);
      continue;
    }
    const also = `${first.code} (${fileName(first)}:${first.source.line})`;
    const cause = misnamed.explain(level);
    problems.push(
      problem(
        'duplicate-rank',
        level.source.path,
        level.source.line,
        1,
        cause
          ? `${cause.slip}, whose rank ${level.rank} ${also} already has; ${cause.fix}.`
          : `${level.code} has rank ${level.rank}, like ${also}; give each level its own rank.`,
      ),
    );
  }
}

/** Gaps in the ranks, but not one a file named after a missing rank explains (`L3.md` titled L2). */
function rankGaps(levels: readonly LevelData[], misnamed: MisnamedLevels, problems: ContentProblem[]): void {
  const sorted = [...levels].sort((a, b) => a.rank - b.rank);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const level = sorted[i]!;
    if (level.rank - before.rank <= 1) continue;
    if (misnamed.fileRankBetween(before.rank, level.rank)) continue;
    const missing =
      level.rank - before.rank === 2
        ? `rank ${before.rank + 1}`
        : `ranks ${before.rank + 1}–${level.rank - 1}`;
    problems.push(
      problem(
        'rank-gap',
        level.source.path,
        level.source.line,
        1,
        `No level has ${missing} (between ${before.code} and ${level.code}); add the missing level or renumber.`,
      ),
    );
  }
}

/** A competency every other level of the track has, missing from this one and not just misspelt. */
function missingCompetencies(
  levels: readonly LevelData[],
  names: NameCheck,
  problems: ContentProblem[],
): void {
  if (levels.length < 2) return;
  const counts = new Map<string, { name: string; heading: string; count: number }>();
  for (const level of levels) {
    for (const c of level.competencies) {
      const entry = counts.get(c.slug);
      if (entry) entry.count++;
      else counts.set(c.slug, { name: c.name, heading: c.emoji ? `${c.emoji} ${c.name}` : c.name, count: 1 });
    }
  }
  for (const level of levels) {
    const own = new Set(level.competencies.map((c) => c.slug));
    for (const [slug, { name, heading, count }] of counts) {
      if (count !== levels.length - 1 || own.has(slug)) continue;
      if (names.misspelt.has(slug) || names.explained.has(`${level.source.path}\0${slug}`)) continue;
      problems.push(
        problem(
          'missing-competency',
          level.source.path,
          level.source.line,
          1,
          `${level.code} has no "${name}" competency, which every other level on this track has; add a "## ${heading}" section to it.`,
        ),
      );
    }
  }
}

function fileName(level: LevelData): string {
  return level.source.path.slice(level.source.path.lastIndexOf('/') + 1);
}
