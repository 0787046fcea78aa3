import type { Level } from '../../domain/entities';
import type { CompetencyMatrix } from '../../domain/matrix';

/**
 * Spreadsheets run a cell that starts with one of these as a formula (tab and CR because some strip
 * them first), so such cells get a leading apostrophe, as OWASP advises against CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that a spreadsheet will show as text, never evaluate. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One RFC 4180 field: quoted when it holds a comma, a semicolon, a quote, CR or LF, with its quotes
 * doubled. Semicolons are not special to RFC 4180, but spreadsheets in locales whose decimal mark is a
 * comma split on them; unquoted, `a;=1+2` would become a second cell that starts a formula.
 */
export function csvField(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Rows of cells as a CSV file: each cell neutralised and quoted, CRLF between records (RFC 4180), and
 * a UTF-8 byte order mark so Excel reads the emoji and accents as UTF-8 rather than as the system's
 * code page.
 */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  const lines = rows.map((cells) => cells.map((c) => csvField(neutraliseFormula(c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The header of a level's column: its code and its title, as the level file's heading writes them. */
export function levelColumn(level: { code: string; title: string }): string {
  return `${level.code}: ${level.title}`;
}

/**
 * A track's competency matrix as CSV: one row per competency, one column per level, each cell the
 * expectations joined by newlines.
 */
export function matrixCsv(matrix: CompetencyMatrix): string {
  const header = ['competency', 'emoji', ...matrix.levels.map(levelColumn)];
  const rows = matrix.rows.map((row) => [
    row.name,
    row.emoji ?? '',
    ...row.cells.map((cell) => (cell ? cell.expectations.map((e) => e.text).join('\n') : '')),
  ]);
  return csvDocument([header, ...rows]);
}

/** The columns of {@link itemRowsCsv} before the level's attributes, and after them. */
export const ITEM_ROW_COLUMNS = {
  level: ['track', 'level', 'code', 'rank', 'title', 'status'],
  item: ['competency', 'competency_emoji', 'kind', 'position', 'text', 'id'],
} as const;

/**
 * A row per expectation and example, as each level's file writes it, for dashboards that pivot:
 * the level's columns, one column per attribute the levels have (its label; blank where a level has
 * none), then the item's. On a cumulative track a row is where an item is stated; what a level
 * expects in full is Level.expected in the API.
 */
export function itemRowsCsv(levels: readonly Level[]): string {
  const attributes = new Map<string, string>();
  for (const level of levels)
    for (const a of level.attributes) if (!attributes.has(a.key)) attributes.set(a.key, a.label);
  const header = [...ITEM_ROW_COLUMNS.level, ...attributes.values(), ...ITEM_ROW_COLUMNS.item];
  const rows = levels.flatMap((level) => {
    const values = new Map(level.attributes.map((a) => [a.key, a.value]));
    const head = [
      level.trackId,
      level.id,
      level.code,
      String(level.rank),
      level.title,
      level.status,
      ...[...attributes.keys()].map((key) => values.get(key) ?? ''),
    ];
    return level.competencies.flatMap((c) =>
      [...c.expectations, ...c.examples].map((item) => [
        ...head,
        c.name,
        c.emoji ?? '',
        item.kind,
        String(item.position),
        item.text,
        item.id,
      ]),
    );
  });
  return csvDocument([header, ...rows]);
}
