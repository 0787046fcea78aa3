/** How bad a problem is: errors refuse the load, warnings are reported with the framework. */
export type ProblemSeverity = 'error' | 'warning';

interface CatalogueEntry {
  readonly severity: ProblemSeverity;
  readonly description: string;
}

/**
 * Every problem the loader can report, in one place. Codes are stable: tests, CI scripts and
 * dashboards match on them, so rename one only with a changelog entry.
 */
export const PROBLEM_CATALOGUE = {
  // The directory and its files.
  'missing-content-dir': {
    severity: 'error',
    description: 'The content directory does not exist or is not a directory.',
  },
  'no-tracks': { severity: 'error', description: 'The content directory has no track folders.' },
  'bad-track-id': {
    severity: 'error',
    description: 'A track folder name is not lower-case kebab case ([a-z0-9-]).',
  },
  'no-levels': { severity: 'error', description: 'A track folder has no level files.' },
  'stray-file': {
    severity: 'warning',
    description: 'A markdown file at the top level is not part of any track and is ignored.',
  },
  'unexpected-directory': {
    severity: 'warning',
    description: 'A folder inside a track holds markdown files that are not read.',
  },
  'symlink-outside': {
    severity: 'error',
    description: 'A symbolic link points outside the content directory; it is never followed.',
  },
  'broken-symlink': { severity: 'error', description: 'A symbolic link points to nothing.' },
  'not-regular-file': {
    severity: 'error',
    description: 'A .md entry is not a regular file (device, socket, pipe).',
  },
  'unreadable-file': { severity: 'error', description: 'A file could not be opened or read.' },
  'file-too-large': { severity: 'error', description: 'A file is larger than 1 MiB.' },

  // Encoding.
  'invalid-utf8': { severity: 'error', description: 'A file is not valid UTF-8.' },
  'unsupported-encoding': {
    severity: 'error',
    description: 'A file is UTF-16 or another encoding than UTF-8.',
  },
  'nul-byte': { severity: 'error', description: 'A file contains a NUL byte.' },
  'repaired-mojibake': {
    severity: 'warning',
    description: 'UTF-8 text that had been read as Mac Roman or Windows-1252 was repaired.',
  },
  'repaired-escape': {
    severity: 'warning',
    description: "A backslash escape such as \\' was read as the plain character.",
  },
  'stray-bom': {
    severity: 'warning',
    description: 'An invisible byte order mark (U+FEFF) inside the text was removed.',
  },

  // Front matter.
  'front-matter-language': {
    severity: 'error',
    description: 'Front matter is not YAML (---js, ---coffee, ---yaml …); it is never run.',
  },
  'front-matter-unclosed': {
    severity: 'error',
    description: 'Front matter opened with --- is never closed.',
  },
  'front-matter-syntax': { severity: 'error', description: 'Front matter is not valid YAML.' },
  'front-matter-duplicate-key': { severity: 'error', description: 'A front matter key appears twice.' },
  'front-matter-alias': {
    severity: 'error',
    description: 'Front matter uses YAML aliases (*name), which are not allowed.',
  },
  'front-matter-too-deep': {
    severity: 'error',
    description: 'Front matter nests deeper than the loader accepts.',
  },
  'front-matter-not-mapping': {
    severity: 'error',
    description: 'Front matter is not a mapping of keys to values.',
  },
  'bad-front-matter-key': {
    severity: 'error',
    description: 'A front matter key is not one of the allowed keys.',
  },
  'bad-front-matter-value': {
    severity: 'error',
    description: 'A front matter value has the wrong type or is out of range.',
  },

  // A level's structure.
  'missing-title': { severity: 'error', description: 'A level file has no `# L<n>: Title` heading.' },
  'bad-title': {
    severity: 'error',
    description: 'The title is not `L<n>: Title` and front matter does not supply code and rank.',
  },
  'multiple-titles': { severity: 'error', description: 'A level file has more than one `#` heading.' },
  'attribute-before-title': {
    severity: 'error',
    description: 'An attribute list comes before the title heading.',
  },
  'bad-attribute': {
    severity: 'warning',
    description: 'A list item under the title is not `**Label**: value` and is ignored.',
  },
  'duplicate-attribute': { severity: 'error', description: 'The same attribute is given twice in a level.' },
  'missing-attribute': {
    severity: 'warning',
    description: 'A level lacks one of the four named attributes.',
  },
  'misspelt-attribute': {
    severity: 'warning',
    description:
      'An attribute label is a letter or two away from a named attribute or one the other levels use.',
  },
  'bad-competency-heading': { severity: 'error', description: 'A `##` heading has no competency name.' },
  'duplicate-competency': {
    severity: 'error',
    description: 'Two competencies in a level have the same slug.',
  },
  'empty-competency': { severity: 'error', description: 'A competency has no expectations.' },
  'no-competencies': { severity: 'error', description: 'A level has no `##` competency headings.' },
  'examples-outside-competency': {
    severity: 'error',
    description: 'An Examples block comes before the first competency heading.',
  },
  'unclosed-details': {
    severity: 'error',
    description: 'A <details> block is not closed before the next heading or the end.',
  },
  'empty-item': { severity: 'warning', description: 'A list item has no text and is ignored.' },
  'unexpected-content': {
    severity: 'warning',
    description: 'Content the format does not place (paragraph, code, table, HTML) is ignored.',
  },
  'near-duplicate-expectation': {
    severity: 'warning',
    description: 'Two expectations in one level say nearly the same thing.',
  },

  // Across the files of a track.
  'duplicate-level': { severity: 'error', description: 'Two files on a track define the same level code.' },
  'duplicate-rank': { severity: 'error', description: 'Two levels on a track have the same rank.' },
  'rank-gap': {
    severity: 'warning',
    description: 'The ranks on a track skip a number (not reported while a level file fails to load).',
  },
  'missing-competency': {
    severity: 'warning',
    description:
      'A level lacks a competency every other level on its track has (not reported while a level fails to load).',
  },
  'misspelt-competency': {
    severity: 'warning',
    description: 'A competency heading is a letter or two away from one the other levels of its track use.',
  },
  'title-file-mismatch': {
    severity: 'warning',
    description:
      'A level file named after a level (`L3.md`) is titled with another number (`# L2: …`); the title decides, and a duplicate this makes is a duplicate-level error.',
  },
  'inconsistent-competency-emoji': {
    severity: 'warning',
    description:
      'A competency heading lacks the emoji (or has another than) every other level of its track gives that competency.',
  },

  // How a cumulative track's levels grow (the progression lint, src/domain/progression-lint.ts):
  // content:check reports these; the server neither logs nor refuses them.
  'progression-stalled-competency': {
    severity: 'warning',
    description:
      'On a cumulative track, a competency a level writes has no item that is new or grown from what the level below expects.',
  },
  'progression-trivial-step': {
    severity: 'warning',
    description:
      'On a cumulative track, an item restates the lower one it grows from with one word or less changed and no change of scope.',
  },
  'progression-scope-mismatch': {
    severity: 'warning',
    description:
      "On a cumulative track, an item's scope words lie more than a step from its level's impact radius or planning horizon.",
  },
  'progression-verbatim-restatement': {
    severity: 'warning',
    description:
      "On a cumulative track, an item repeats a lower level's expectation word for word, which the level already expects.",
  },

  // The loader itself.
  'internal-error': {
    severity: 'error',
    description: 'The loader failed unexpectedly; this is a bug in the loader, not the content.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** A stable problem code from {@link PROBLEM_CATALOGUE}. */
export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

/** Every catalogue code, in catalogue order. */
export const PROBLEM_CODES = Object.keys(PROBLEM_CATALOGUE) as ProblemCode[];

/** One problem in the content, with its place; `path` is relative to the content directory. */
export interface ContentProblem {
  /** Relative to the content directory, forward slashes; `.` for the directory itself. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units of the (repaired) line, a leading BOM not counted. */
  column: number;
  severity: ProblemSeverity;
  code: ProblemCode;
  message: string;
}

/** Builds a problem whose severity comes from the catalogue, so the two can never disagree. */
export function problem(
  code: ProblemCode,
  path: string,
  line: number,
  column: number,
  message: string,
): ContentProblem {
  return {
    path,
    line: Math.max(1, Math.floor(line)),
    column: Math.max(1, Math.floor(column)),
    severity: PROBLEM_CATALOGUE[code].severity,
    code,
    message,
  };
}

/** `site-reliability-engineer/L2.md:14:1 error duplicate-level  L2 is defined twice …` */
export function formatProblem(p: ContentProblem): string {
  return `${p.path}:${p.line}:${p.column} ${p.severity} ${p.code}  ${p.message}`;
}

/** Orders problems by path, line, column, then code, the order a reader fixes them in. */
export function compareProblems(a: ContentProblem, b: ContentProblem): number {
  return (
    compareStrings(a.path, b.path) || a.line - b.line || a.column - b.column || compareStrings(a.code, b.code)
  );
}

/** Code-point order, independent of the process locale, so output is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
