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

/** The header of a level's column: its code and its title, as the level file's heading writes them. */
export function levelColumn(level: { code: string; title: string }): string {
  return `${level.code}: ${level.title}`;
}

/**
 * A track's competency matrix as CSV: one row per competency, one column per level, each cell the
 * expectations joined by newlines. CRLF between records (RFC 4180), and a UTF-8 byte order mark so
 * Excel reads the emoji and accents as UTF-8 rather than as the system's code page.
 */
export function matrixCsv(matrix: CompetencyMatrix): string {
  const header = ['competency', 'emoji', ...matrix.levels.map(levelColumn)];
  const rows = matrix.rows.map((row) => [
    row.name,
    row.emoji ?? '',
    ...row.cells.map((cell) => (cell ? cell.expectations.map((e) => e.text).join('\n') : '')),
  ]);
  const lines = [header, ...rows].map((cells) => cells.map((c) => csvField(neutraliseFormula(c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
