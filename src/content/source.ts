/**
 * Where the loader's files come from: the content folder on disk, or the tree of a commit in the git
 * repository that holds it. The walker (read-files.ts) decides what is read and what is reported; a
 * source only lists folders, follows links and hands over bytes, so every version of the content goes
 * through the same checks as the working folder.
 *
 * Locations are opaque to the walker: an absolute path on disk, an object id in git.
 */
export interface ContentSource {
  /** The root folder's location, or null when there is none (the missing-content-dir problem). */
  root(): Promise<string | null>;
  /** Completes the missing-content-dir message: where the content was looked for and what to do. */
  readonly missingMessage: string;
  /** The entries of a folder, hidden ones included, in any order; throws (with a `code`) when unreadable. */
  list(folder: string): Promise<SourceEntry[]>;
  /** What a symbolic link resolves to; 'broken' when it points to nothing. */
  resolveLink(entry: SourceEntry): Promise<LinkTarget | 'broken'>;
  /** A file's bytes, or why they were not read; throws (with a `code`) when it cannot be read. */
  read(location: string, maxBytes: number): Promise<ReadOutcome>;
}

/** One entry of a folder. */
export interface SourceEntry {
  readonly name: string;
  readonly kind: EntryKind;
  /** Where the entry is, for list, read and resolveLink. */
  readonly location: string;
}

/** A link's kind is found by resolving it; every other entry says what it is. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

/** Where a link leads. */
export interface LinkTarget {
  readonly kind: 'file' | 'directory' | 'other';
  readonly location: string;
  /** False when the target leaves the content folder: it is reported, never read. */
  readonly inside: boolean;
}

/** A read file, or the reason it was refused unread. */
export type ReadOutcome =
  { readonly bytes: Buffer } | { readonly notRegular: true } | { readonly tooLarge: number };
