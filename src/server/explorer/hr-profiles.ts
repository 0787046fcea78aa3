/**
 * A track in the column layouts HR tools import (issue 20): each profile names its columns as the
 * tool's own import documentation does, and is written with the matrix export's quoting and formula
 * neutralisation.
 */
import type { Track } from '../../domain/entities';
import { expectedAt } from '../../domain/expected';
import type { Framework } from '../../domain/framework';
import { competencyMatrix } from '../../domain/matrix';
import { csvDocument as csv } from './csv';

/** The profiles `?profile=` takes, for the error that lists them. */
export const HR_PROFILES = ['cultureamp', '15five'] as const;
export type HrProfile = (typeof HR_PROFILES)[number];

export function isHrProfile(value: string): value is HrProfile {
  return (HR_PROFILES as readonly string[]).includes(value);
}

/**
 * Culture Amp's competency import ("Bulk import competencies": title, description, a description per
 * competency level, learning resources): one row per competency, and the track's levels as its
 * competency levels, each described by what that level writes for it as a markdown list (the
 * template formats rich text with markdown) with `*` bullets: a cell starting `-` would be
 * neutralised as a formula.
 */
export function cultureAmpCsv(framework: Framework, track: Track, drafts: boolean): string {
  const matrix = competencyMatrix(framework, track, drafts);
  const header = [
    'Title',
    'Description',
    ...matrix.levels.flatMap((_, i) => [`Level ${i + 1} name`, `Level ${i + 1} description`]),
    'Learning resources',
  ];
  const rows = matrix.rows.map((row) => [
    row.name,
    `${row.name} on the ${track.name} track`,
    ...matrix.levels.flatMap((level, i) => {
      const cell = row.cells[i];
      return [
        `${level.code}: ${level.title}`,
        cell ? cell.expectations.map((e) => `* ${e.text}`).join('\n') : '',
      ];
    }),
    '',
  ]);
  return csv([header, ...rows]);
}

/**
 * 15Five's career path import ("Create a career path (bulk CSV import)": Path, Job title, Competency,
 * Skill, Key behavior; one path per file, roles in order): the track is the path, each level a job
 * title, and each expectation the level holds a key behavior under its competency, without skills.
 * On a cumulative track a job title carries everything the level expects, what lower levels state
 * included (Level.expected), since 15Five shows each role on its own.
 */
export function fifteenFiveCsv(framework: Framework, track: Track, drafts: boolean): string {
  const header = ['Path', 'Job title', 'Competency', 'Skill', 'Key behavior'];
  const rows = framework
    .visibleLevels(track, drafts)
    .flatMap((level) =>
      expectedAt(framework, level).map((held) => [
        track.name,
        level.title,
        held.competency.name,
        '',
        held.expectation.text,
      ]),
    );
  return csv([header, ...rows]);
}
