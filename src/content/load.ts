import { Framework, type TrackData } from '../domain/framework';
import { nameFromId } from '../domain/text/keys';
import { decodeUtf8 } from './decode';
import { readFrontMatter } from './front-matter';
import { LEVEL_FRONT_MATTER, readFields } from './front-matter-schema';
import { parseLevel } from './level/parser';
import { linkTrack, type TrackLevelFile } from './link';
import { parseTrackFile, type TrackInfo } from './parse-track';
import { compareProblems, problem, type ContentProblem } from './problem';
import { readContentFiles, type ContentFile, type TrackFiles } from './read-files';
import { repairText } from './repair';
import type { ContentSource } from './source';
import { contentVersion } from './version';

/** How to load. */
export interface LoadOptions {
  /** The clock that stamps `loadedAt`; default Date.now. */
  now?: () => Date;
  /**
   * The version the files come from when they are not the content being served: a tag or a short
   * commit hash, written into every level id (`track/L3@v2026.1`) so no two versions share an id.
   */
  ref?: string;
}

/** A framework with any warnings, or every problem found when at least one is an error. */
export type LoadResult =
  { ok: true; framework: Framework; problems: ContentProblem[] } | { ok: false; problems: ContentProblem[] };

/** A load plus what `content:check` prints about it. */
export interface LoadReport {
  readonly result: LoadResult;
  /** The content version (also on the framework); null when the directory could not be read at all. */
  readonly version: string | null;
  /** How many files were read: levels and track.md files. */
  readonly fileCount: number;
}

/**
 * Loads a content directory (or another source of its files, such as a commit's tree) into a
 * Framework, or reports every problem in it. Never throws and never rejects: whatever is on disk, the
 * answer is a result (a loader bug becomes `internal-error`).
 */
export async function loadContent(
  from: string | ContentSource,
  options: LoadOptions = {},
): Promise<LoadResult> {
  return (await loadContentReport(from, options)).result;
}

/** {@link loadContent} with the version and file count, for the CLI and the benchmark. */
export async function loadContentReport(
  from: string | ContentSource,
  options: LoadOptions = {},
): Promise<LoadReport> {
  try {
    return await load(from, options);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      result: {
        ok: false,
        problems: [
          problem(
            'internal-error',
            '.',
            1,
            1,
            `The loader failed (${detail}); this is a loader bug, please report it with the content that triggered it.`,
          ),
        ],
      },
      version: null,
      fileCount: 0,
    };
  }
}

async function load(from: string | ContentSource, options: LoadOptions): Promise<LoadReport> {
  const read = await readContentFiles(from);
  const problems = [...read.problems];
  const loaded = read.tracks.map((files) => loadTrack(files, problems));
  const tracks = loaded.map((t) => t.track);
  const allFiles = read.tracks.flatMap((t) => (t.trackFile ? [t.trackFile, ...t.levelFiles] : t.levelFiles));
  const version = contentVersion(allFiles);
  // what a caller without the drafts permission is told: a draft-only edit must not change it
  const publishedVersion = contentVersion(loaded.flatMap((t) => t.publishedFiles));
  problems.sort(compareProblems);
  const report = (result: LoadResult): LoadReport => ({ result, version, fileCount: allFiles.length });
  if (problems.some((p) => p.severity === 'error')) return report({ ok: false, problems });
  const loadedAt = options.now ? options.now() : new Date();
  return report({
    ok: true,
    framework: new Framework({ version, publishedVersion, loadedAt, tracks, ref: options.ref ?? null }),
    problems,
  });
}

/** A track as loaded, with the files of what is published in it. */
interface LoadedTrack {
  readonly track: TrackData;
  /**
   * The files a caller without the drafts permission sees the content of: none when every level is
   * a draft (the track is not there for them), else track.md and every level file but the drafts.
   */
  readonly publishedFiles: readonly ContentFile[];
}

function loadTrack(files: TrackFiles, problems: ContentProblem[]): LoadedTrack {
  let info: TrackInfo = {};
  if (files.trackFile) {
    const text = readText(files.trackFile, problems);
    if (text !== null) {
      const parsed = parseTrackFile(text, files.trackFile.path);
      problems.push(...parsed.problems);
      info = parsed.info;
    }
  }
  const read = files.levelFiles.map((file) => loadLevel(file, problems));
  problems.push(...linkTrack(read));
  const levels = read.flatMap((f) => (f.level ? [f.level] : []));
  const track: TrackData = {
    id: files.id,
    name: info.name ?? nameFromId(files.id),
    description: info.description ?? null,
    progression: info.progression ?? 'standalone',
    levels,
    source: files.trackFile ? { path: files.trackFile.path, line: 1 } : null,
  };
  if (!levels.some((l) => l.status !== 'draft')) return { track, publishedFiles: [] };
  // a file that did not load stays in: the load fails anyway, and its version must not hide it
  const levelFiles = files.levelFiles.filter((_file, i) => read[i]!.level?.status !== 'draft');
  return { track, publishedFiles: files.trackFile ? [files.trackFile, ...levelFiles] : levelFiles };
}

/** One level file read: its level (null when it did not load) and the names it uses. */
function loadLevel(file: ContentFile, problems: ContentProblem[]): TrackLevelFile {
  const unread: TrackLevelFile = {
    path: file.path,
    level: null,
    competencies: [],
    attributes: [],
    misnamed: null,
  };
  const text = readText(file, problems);
  if (text === null) return unread;
  const front = readFrontMatter(text, file.path);
  problems.push(...front.problems);
  if (!front.bodyFound) return unread;
  const overrides = readFields(front.fields, LEVEL_FRONT_MATTER, file.path, problems);
  const parsed = parseLevel(front.body, file.path, overrides);
  problems.push(...parsed.problems);
  return {
    path: file.path,
    level: parsed.level,
    competencies: parsed.competencyNames,
    attributes: parsed.attributeNames,
    misnamed: parsed.misnamed,
  };
}

/** Bytes to the text every later step sees: UTF-8 checked, line breaks normalised, damage repaired, NFC. */
function readText(file: ContentFile, problems: ContentProblem[]): string | null {
  const decoded = decodeUtf8(file.bytes, file.path);
  if (!decoded.ok) {
    problems.push(decoded.problem);
    return null;
  }
  const repaired = repairText(decoded.text, file.path);
  problems.push(...repaired.problems);
  return repaired.text.normalize('NFC');
}
