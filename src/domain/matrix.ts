import type { Competency, Level, Track } from './entities';
import type { Framework } from './framework';

/** One competency across the levels of a track. */
export interface CompetencyRow {
  readonly slug: string;
  /** The name in the lowest level that has the competency. */
  readonly name: string;
  /** The first emoji found walking up the levels, so one damaged file does not blank the row. */
  readonly emoji: string | null;
  /** One cell per column, in the same order; null where that level lacks the competency. */
  readonly cells: (Competency | null)[];
}

/** Competencies as rows, levels as columns: what a dashboard embeds. */
export interface CompetencyMatrix {
  /** The columns: the track's visible levels by rank. */
  readonly levels: Level[];
  readonly rows: CompetencyRow[];
}

/**
 * The competency matrix of a track. Rows follow first appearance walking the levels by rank and each
 * level's competencies in file order, so a competency introduced at L3 comes after those L1 already had.
 * Names come from the lowest level because that is where the row starts for a reader scanning left to
 * right.
 */
export function competencyMatrix(
  framework: Framework,
  track: Track,
  includeDrafts = false,
): CompetencyMatrix {
  const levels = [...framework.visibleLevels(track, includeDrafts)];
  const rows = new Map<
    string,
    { slug: string; name: string; emoji: string | null; cells: (Competency | null)[] }
  >();
  levels.forEach((level, column) => {
    for (const competency of level.competencies) {
      let row = rows.get(competency.slug);
      if (!row) {
        row = { slug: competency.slug, name: competency.name, emoji: null, cells: levels.map(() => null) };
        rows.set(competency.slug, row);
      }
      row.emoji ??= competency.emoji;
      row.cells[column] = competency;
    }
  });
  return { levels, rows: [...rows.values()] };
}
