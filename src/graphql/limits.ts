/** Argument limits, enforced by class-validator and published in the README. */
export const MAX_ID_LENGTH = 200;
export const MAX_TEXT_LENGTH = 200;
export const MAX_LIST_LENGTH = 100;
export const MIN_SEARCH_LIMIT = 1;
export const MAX_SEARCH_LIMIT = 100;
export const DEFAULT_SEARCH_LIMIT = 20;
export const DEFAULT_VERSIONS_LIMIT = 20;
/** Listing a thousand versions takes milliseconds; each one's framework is loaded only when asked for. */
export const MAX_VERSIONS_LIMIT = 1000;
/**
 * Versions one request may read from git in the worst case (each is a whole framework loaded and
 * parsed): `versions { framework }`, `version(ref) { framework }`, `changes`, ids with `@ref`,
 * `lastChange` and `framework.commit` all count. Kept below the history cache's default (16).
 */
export const MAX_VERSION_LOADS = 8;
