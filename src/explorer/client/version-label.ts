/** How the explorer names a version and its date. */

/** A version as its tag says it ('v2026.2'), else its short hash. */
export function versionName(version: { readonly shortId: string; readonly tags: readonly string[] }): string {
  return version.tags[0] ?? version.shortId;
}

/** "12 Mar 2026": the date a version was committed, in UTC so every reader sees the same day. */
export function versionDate(committedAt: string): string {
  return new Date(committedAt).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
