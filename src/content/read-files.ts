import { DiskSource } from './disk-source';
import { compareStrings, problem, type ContentProblem } from './problem';
import type { ContentSource, SourceEntry } from './source';

/** Files above this are refused unread: a level is a few KB, and the parser's work grows with size. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** One file the loader reads, with its bytes. */
export interface ContentFile {
  /** Relative to the content directory, forward slashes: `site-reliability-engineer/L3.md`. */
  readonly path: string;
  readonly bytes: Buffer;
}

/** A track folder and the files in it, sorted by name. */
export interface TrackFiles {
  readonly id: string;
  readonly trackFile: ContentFile | null;
  readonly levelFiles: readonly ContentFile[];
}

export interface ReadResult {
  readonly tracks: readonly TrackFiles[];
  readonly problems: ContentProblem[];
}

const TRACK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CONCURRENT_READS = 32;

/**
 * Walks the content: one folder per track, `track.md` and level files in each, nothing deeper.
 * Symbolic links that resolve inside the content are followed (read as the file or folder they point
 * to); links that leave it or dangle are reported and never opened. Hidden entries (`.git`,
 * `.DS_Store`) and non-markdown files are ignored. A path reads the folder on disk; a source reads
 * anything else that looks like one (a commit's tree).
 */
export async function readContentFiles(from: string | ContentSource): Promise<ReadResult> {
  const source = typeof from === 'string' ? new DiskSource(from) : from;
  const problems: ContentProblem[] = [];
  const root = await source.root();
  if (root === null) {
    problems.push(problem('missing-content-dir', '.', 1, 1, source.missingMessage));
    return { tracks: [], problems };
  }
  const walker = new Walker(source, problems);
  const tracks = await walker.tracks(root);
  if (tracks.length === 0 && !problems.some((p) => p.code === 'bad-track-id')) {
    problems.push(
      problem(
        'no-tracks',
        '.',
        1,
        1,
        'The content directory has no track folders; add one folder per track with a file per level.',
      ),
    );
  }
  return { tracks, problems };
}

/** An entry after symlinks inside the root are resolved. */
interface Resolved {
  readonly name: string;
  readonly location: string;
  readonly kind: 'file' | 'directory' | 'other';
}

class Walker {
  constructor(
    private readonly source: ContentSource,
    private readonly problems: ContentProblem[],
  ) {}

  async tracks(root: string): Promise<TrackFiles[]> {
    const tracks: TrackFiles[] = [];
    for (const entry of await this.list(root, '.')) {
      const resolved = await this.resolve(entry, entry.name, true);
      if (!resolved) continue;
      if (resolved.kind === 'directory') {
        if (!TRACK_ID.test(entry.name)) {
          this.problems.push(
            problem(
              'bad-track-id',
              `${entry.name}/`,
              1,
              1,
              `The track folder "${entry.name}" must be named in lower-case kebab case (a-z, 0-9, -), e.g. "site-reliability-engineer".`,
            ),
          );
          continue;
        }
        tracks.push(await this.track(entry.name, resolved.location));
      } else if (isMarkdown(entry.name) && !isReadme(entry.name)) {
        this.problems.push(
          problem(
            'stray-file',
            entry.name,
            1,
            1,
            `"${entry.name}" is not inside a track folder and is ignored; move it into one (or name it README.md).`,
          ),
        );
      }
    }
    return tracks;
  }

  private async track(id: string, folder: string): Promise<TrackFiles> {
    const levels: Resolved[] = [];
    let trackEntry: Resolved | null = null;
    for (const entry of await this.list(folder, id)) {
      const rel = `${id}/${entry.name}`;
      if (entry.kind === 'directory') {
        await this.nestedFolder(entry.location, rel);
        continue;
      }
      // Only what would be read is checked: a symlinked image next to the levels is none of our business.
      if (!isMarkdown(entry.name) || isReadme(entry.name)) continue;
      const resolved = await this.resolve(entry, rel, false);
      if (!resolved) continue;
      if (resolved.kind !== 'file') {
        this.notRegular(rel);
        continue;
      }
      if (entry.name.toLowerCase() === 'track.md') trackEntry = resolved;
      else levels.push(resolved);
    }
    const [trackFile, ...levelFiles] = await mapLimit([trackEntry, ...levels], CONCURRENT_READS, (r) =>
      r ? this.read(r, `${id}/${r.name}`) : Promise.resolve(null),
    );
    if (levels.length === 0) {
      this.problems.push(
        problem(
          'no-levels',
          `${id}/`,
          1,
          1,
          `The track "${id}" has no level files; add one markdown file per level (L1.md, L2.md, …).`,
        ),
      );
    }
    return {
      id,
      trackFile: trackFile ?? null,
      levelFiles: levelFiles.filter((f): f is ContentFile => f !== null),
    };
  }

  /** Folders inside a track are not read; say so when they hold markdown, which is likely a mistake. */
  private async nestedFolder(folder: string, rel: string): Promise<void> {
    const entries = await this.list(folder, rel, false);
    if (entries.some((e) => isMarkdown(e.name))) {
      this.problems.push(
        problem(
          'unexpected-directory',
          `${rel}/`,
          1,
          1,
          `Markdown files in the folder "${rel}" are not read; a track's levels sit directly in the track folder.`,
        ),
      );
    }
  }

  private async list(folder: string, rel: string, report = true): Promise<SourceEntry[]> {
    try {
      const entries = await this.source.list(folder);
      return entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => compareStrings(a.name, b.name));
    } catch (error) {
      if (report)
        this.problems.push(
          problem(
            'unreadable-file',
            rel === '.' ? '.' : `${rel}/`,
            1,
            1,
            `The folder could not be read (${errorCode(error)}); check its permissions.`,
          ),
        );
      return [];
    }
  }

  /**
   * The entry's kind, following a symlink only when its target stays inside the content directory.
   * At the top level a link is only checked when it could be read (a folder or a .md file).
   */
  private async resolve(entry: SourceEntry, rel: string, topLevel: boolean): Promise<Resolved | null> {
    if (entry.kind !== 'symlink') return { name: entry.name, location: entry.location, kind: entry.kind };
    const target = await this.source.resolveLink(entry);
    if (target === 'broken') {
      if (topLevel && !isMarkdown(entry.name)) return null;
      this.problems.push(
        problem(
          'broken-symlink',
          rel,
          1,
          1,
          `"${rel}" is a symbolic link to something that does not exist; remove it or fix its target.`,
        ),
      );
      return null;
    }
    if (topLevel && target.kind !== 'directory' && !isMarkdown(entry.name)) return null;
    if (!target.inside) {
      this.problems.push(
        problem(
          'symlink-outside',
          rel,
          1,
          1,
          `"${rel}" is a symbolic link that leaves the content directory and is not followed; copy the file in instead.`,
        ),
      );
      return null;
    }
    return { name: entry.name, location: target.location, kind: target.kind };
  }

  /** Reads a file we have checked; the source refuses anything over the limit before reading it. */
  private async read(entry: Resolved, rel: string): Promise<ContentFile | null> {
    try {
      const outcome = await this.source.read(entry.location, MAX_FILE_BYTES);
      if ('notRegular' in outcome) return this.notRegular(rel);
      if ('tooLarge' in outcome) return this.tooLarge(rel, outcome.tooLarge);
      return { path: rel, bytes: outcome.bytes };
    } catch (error) {
      this.problems.push(
        problem(
          'unreadable-file',
          rel,
          1,
          1,
          `"${rel}" could not be read (${errorCode(error)}); check that it is a readable file.`,
        ),
      );
      return null;
    }
  }

  private notRegular(rel: string): null {
    this.problems.push(
      problem(
        'not-regular-file',
        rel,
        1,
        1,
        `"${rel}" is not a regular file; replace it with a markdown file.`,
      ),
    );
    return null;
  }

  private tooLarge(rel: string, size: number): null {
    this.problems.push(
      problem(
        'file-too-large',
        rel,
        1,
        1,
        `"${rel}" is ${size} bytes, over the 1 MiB limit for a content file; split it or remove what is not content.`,
      ),
    );
    return null;
  }
}

function isMarkdown(name: string): boolean {
  return name.toLowerCase().endsWith('.md');
}

function isReadme(name: string): boolean {
  return name.toLowerCase() === 'readme.md';
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'unknown error';
}

/** Maps with at most `limit` promises in flight, keeping the order of `items`. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
