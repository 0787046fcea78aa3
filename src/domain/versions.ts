import type { Framework } from './framework';

/** Tags kept per version: more on one commit is a mistake, and each is a field of every answer. */
export const MAX_TAGS_PER_VERSION = 10;

/** One version of the content: a commit that changed a content file. */
export interface FrameworkVersion {
  /** The full commit hash. */
  readonly id: string;
  /** The first 7 digits of the hash, as git shows it. */
  readonly shortId: string;
  /** Tags that point at this commit, sorted; at most MAX_TAGS_PER_VERSION. */
  readonly tags: readonly string[];
  readonly committedAt: Date;
  /** The first line of the commit message. */
  readonly subject: string;
  /** On the default branch or tagged. Other branches need the drafts permission. */
  readonly published: boolean;
  /**
   * Published, and its published content (no draft levels, no track of drafts alone) differs from
   * its first parent's: a version for callers without the drafts permission. A commit that only
   * touched drafts is a version for drafts holders alone, and its subject is theirs alone.
   */
  readonly visibleWithoutDrafts: boolean;
}

/** A problem that keeps a version from being served, as the loader reported it. */
export interface VersionProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A version's framework, or every problem that keeps it from being served (never half of it). */
export type VersionContent =
  | { readonly ok: true; readonly framework: Framework }
  | { readonly ok: false; readonly problems: readonly VersionProblem[] };

/** The versions of the content, as the layer that reads them (src/content/history) offers them. */
export interface VersionHistory {
  /** Every version, newest first, published or not. */
  versions(): Promise<readonly FrameworkVersion[]>;
  /**
   * The version a tag, branch, or full or short commit hash names; null when none. With `drafts`
   * false, only what a caller without the drafts permission may see (see {@link FrameworkVersion}).
   */
  resolve(ref: string, drafts?: boolean): Promise<FrameworkVersion | null>;
  /** The content at a version; its level ids carry `label` (see {@link versionLabel}). */
  content(version: FrameworkVersion, label: string): Promise<VersionContent>;
  /** The content at a version when it is loaded now, without loading it; undefined otherwise. */
  loadedContent(version: FrameworkVersion, label: string): VersionContent | undefined;
  /**
   * The version whose content is exactly `served`, when `served` is its branch's last version; else
   * null. With `drafts` false, `served` is the published view, compared with the published view of
   * the branch's last commit, and the answer is the newest version such a caller may see.
   */
  servedVersion(served: Framework, drafts?: boolean): Promise<FrameworkVersion | null>;
}

// a label goes into ids, which split on '/' and '@'
const SAFE_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The ref written into the ids of a version's entities: the tag the caller asked by, else the
 * version's first tag, else its short hash. Tags are meant never to move, and a branch does move,
 * so a branch is never a label.
 */
export function versionLabel(version: FrameworkVersion, requested?: string): string {
  if (requested !== undefined && version.tags.includes(requested) && SAFE_LABEL.test(requested))
    return requested;
  if (requested !== undefined) return version.shortId;
  return version.tags.find((t) => SAFE_LABEL.test(t)) ?? version.shortId;
}

/** An entity id split at its version: `track/L3@v1/slug` is `track/L3/slug` at `v1`. */
export interface VersionedId {
  /** The id without the ref. */
  readonly id: string;
  /** Null when the id names the content being served. */
  readonly ref: string | null;
}

/**
 * Splits an id of the given depth (a level's is `track/code`, 2 parts; a competency's 3; an item's 4)
 * at its `@ref`. The ref is what lies between the level code and the parts below it, so a ref with a
 * slash in it (a branch `feature/x`) still splits right.
 */
export function splitVersionedId(id: string, depth: number): VersionedId {
  const at = id.indexOf('@');
  if (at === -1) return { id, ref: null };
  const head = id.slice(0, at);
  const parts = id.slice(at + 1).split('/');
  const below = depth - 2;
  if (parts.length <= below) return { id, ref: null };
  const ref = parts.slice(0, parts.length - below).join('/');
  const rest = parts.slice(parts.length - below);
  return { id: [head, ...rest].join('/'), ref };
}

/** The id an entity has in a version labelled `label`: `track/L3/slug` → `track/L3@label/slug`. */
export function versionedId(id: string, label: string): string {
  const parts = id.split('/');
  if (parts.length < 2) return id;
  parts[1] = `${parts[1]}@${label}`;
  return parts.join('/');
}

/** The label in an id this server wrote (a label never holds a slash); null for the served content. */
export function labelOf(id: string): string | null {
  // every back-reference of every answer asks: most ids have no label, so look before splitting
  if (!id.includes('@')) return null;
  const level = id.split('/')[1];
  const at = level?.indexOf('@') ?? -1;
  return at === -1 ? null : level!.slice(at + 1);
}
