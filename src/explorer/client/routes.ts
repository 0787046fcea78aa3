/** The explorer's URLs: one place that builds them, so every link is shareable and parses back the same. */

/** Paths the server answers with the explorer's page; anything else is left to the browser. */
export const PAGE_PATHS = [
  '/',
  '/level',
  '/diff',
  '/search',
  '/matrix',
  '/changes',
  '/checklist',
  '/embed/matrix',
  '/embed/level',
  '/embed/diff',
] as const;
export type PagePath = (typeof PAGE_PATHS)[number];

export function isPagePath(path: string): path is PagePath {
  return (PAGE_PATHS as readonly string[]).includes(path);
}

/**
 * A path with a query string. Level ids keep their "/" and "@" unescaped (RFC 3986 allows both in a query) so a
 * shared link reads `/diff?from=site-reliability-engineer/L2&to=…`; empty values are left out.
 */
export function href(
  path: string,
  params: Readonly<Record<string, string | null | undefined>> = {},
  hash = '',
): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%40/g, '@')}`,
    )
    .join('&');
  return `${path}${query ? `?${query}` : ''}${hash ? `#${encodeURIComponent(hash)}` : ''}`;
}

export const levelHref = (id: string, hash = ''): string => href('/level', { id }, hash);
/** The compare page; `written` opens the editors' comparison of what each file writes. */
export const diffHref = (from: string, to: string, written = false): string =>
  href('/diff', { from, to, basis: written ? 'written' : null });
/** The step checklist from one level to another: the 'to' level's new and grown expectations. */
export const checklistHref = (from: string, to: string): string => href('/checklist', { from, to });
/** The checklist as a file: `md` (markdown) or `csv`. */
export const checklistExportHref = (from: string, to: string, format: 'md' | 'csv'): string =>
  href(`/export/checklist.${format}`, { from, to });
export const matrixHref = (track: string): string => href('/matrix', { track });
/** What changed from `since` to `until`; without `until`, to the content served now. */
export const changesHref = (since: string | null, until: string | null = null): string =>
  href('/changes', { since, until });
export const changesCsvHref = (since: string, until: string | null = null): string =>
  href('/export/changes.csv', { since, until });
export const csvHref = (track: string): string => `/export/${encodeURIComponent(track)}.csv`;

/** The id of a competency's section on a level page, for links from search results and the matrix. */
export function competencyAnchor(slug: string): string {
  return `competency-${slug}`;
}
