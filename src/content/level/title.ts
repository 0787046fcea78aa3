import { MAX_RANK, MIN_RANK } from '../../domain/entities';
import { plainText } from '../../domain/text/normalise';
import type { LevelProblems } from './problems';

/** What front matter may say instead of the title: it wins over the heading. */
export interface TitleOverrides {
  readonly code?: string;
  readonly rank?: number;
  readonly title?: string;
}

/** The `#` heading as written, and its line. */
export interface TitleHeading {
  readonly text: string;
  readonly line: number;
}

/** What a level is called: from its title, front matter, or both. */
export interface LevelIdentity {
  readonly code: string;
  readonly rank: number;
  readonly title: string;
  /** The title's line, or 1 when front matter gives the title and there is no heading. */
  readonly line: number;
}

const TITLE = /^([A-Za-z]{1,4}(\d{1,3}))\s*:\s*(.*)$/;
// A code followed by something other than a colon: `L2 Data Engineer`, `L2 - Data Engineer`, `L2. Data`.
const CODE_WITHOUT_COLON = /^([A-Za-z]{1,4}\d{1,3})(?:\s*[-–—.|]\s*|\s+)(\S.*)$/;
// A level file named after its code, as `L2.md` is.
const CODE_FILE_NAME = /^([A-Za-z]{1,4}\d{1,3})\.md$/i;

/**
 * Code, rank and title from `# L3: Senior Engineer` and front matter, or null, with the reason
 * reported, when one of them cannot be told.
 */
export function resolveTitle(
  heading: TitleHeading | null,
  o: TitleOverrides,
  problems: LevelProblems,
  /** The level file's path, whose name (`L2.md`) may say which code the advice should use. */
  path: string,
): LevelIdentity | null {
  if (!heading && o.title === undefined) {
    problems.report(
      'missing-title',
      1,
      1,
      `This level has no title; start it with a heading such as "# ${codeFromFileName(path) ?? 'L<n>'}: Senior Engineer".`,
    );
    return null;
  }
  const line = heading?.line ?? 1;
  const match = heading ? TITLE.exec(heading.text) : null;
  const code = o.code ?? match?.[1];
  const rank = o.rank ?? (o.code !== undefined ? rankOf(o.code) : match ? Number(match[2]) : undefined);
  const title = o.title ?? (match ? plainText(match[3]!) : heading!.text);
  const shown = heading?.text ?? title;
  if (code === undefined) {
    problems.report('bad-title', line, problems.column(line), noCodeAdvice(shown, o, path));
    return null;
  }
  if (rank === undefined || rank < MIN_RANK || rank > MAX_RANK) {
    const fileCode = codeFromFileName(path);
    const fileRank = fileCode === undefined ? undefined : rankOf(fileCode);
    const fix =
      fileRank !== undefined && fileRank >= MIN_RANK && fileRank <= MAX_RANK
        ? `set "rank: ${fileRank}" in front matter`
        : 'set rank in front matter';
    problems.report(
      'bad-title',
      line,
      problems.column(line),
      `The rank of ${code} cannot be told (it needs a number from ${MIN_RANK} to ${MAX_RANK}); ${fix}.`,
    );
    return null;
  }
  if (title.length === 0) {
    problems.report(
      'bad-title',
      line,
      problems.column(line),
      `${code} has an empty title; write it after the code, as in "# ${code}: Senior Engineer".`,
    );
    return null;
  }
  return { code, rank, title, line };
}

/** A level file named after one level (`L3.md`) whose title or front matter makes it another. */
export interface Misnamed {
  /** The number in the file's name: 3. */
  readonly fileRank: number;
  /** What is wrong, naming the file: `L3.md is titled L2`. */
  readonly slip: string;
  /** What makes the level the one its file is named after: `retitle it "# L3: Senior Engineer"`. */
  readonly fix: string;
}

/**
 * Whether the level's number differs from the one in its file's name. Only the number counts: files
 * named `L1.md`… for codes `E1`… are a naming scheme, while `L3.md` titled `# L2: …` is a slip. The
 * level's code stays the one its title (or front matter) gives: the file's name never decides it.
 */
export function misnamedLevel(identity: LevelIdentity, o: TitleOverrides, path: string): Misnamed | null {
  const fromFile = codeFromFileName(path);
  const fileRank = fromFile === undefined ? undefined : rankOf(fromFile);
  if (fileRank === undefined || fileRank === rankOf(identity.code)) return null;
  const file = path.slice(path.lastIndexOf('/') + 1);
  const code = `${/^[A-Za-z]*/.exec(identity.code)![0]}${fileRank}`;
  const rankToo = o.rank !== undefined && o.rank !== fileRank;
  if (o.code !== undefined) {
    return {
      fileRank,
      slip: `${file} has "code: ${identity.code}" in its front matter`,
      fix: `set "code: ${code}"${rankToo ? ` and "rank: ${fileRank}"` : ''} there`,
    };
  }
  return {
    fileRank,
    slip: `${file} is titled ${identity.code}`,
    fix: `retitle it "# ${code}: ${identity.title}"${rankToo ? ` and set "rank: ${fileRank}" in its front matter` : ''}`,
  };
}

/**
 * Advice for a title with no level code that is right for this file: the code the title starts with
 * (when only the colon is missing), else front matter's rank, else the file's name (`L2.md`).
 */
function noCodeAdvice(shown: string, o: TitleOverrides, path: string): string {
  const alternative = 'or set code and rank in front matter';
  const bare = CODE_WITHOUT_COLON.exec(shown);
  if (bare) {
    const [, code, rest] = bare;
    return `The title "${shown}" has no colon after its level code ${code}; write it as "# ${code}: ${rest!.trim()}", ${alternative}.`;
  }
  const code = o.rank !== undefined ? `L${o.rank}` : codeFromFileName(path);
  if (code !== undefined)
    return `The title "${shown}" has no level code; write it as "# ${code}: ${shown}", ${alternative}.`;
  return `The title "${shown}" has no level code; write it as "# L<n>: ${shown}" with the level's number for <n>, ${alternative}.`;
}

/** `L2` for a file named `L2.md`; undefined when the name is not a level code. */
function codeFromFileName(path: string): string | undefined {
  return CODE_FILE_NAME.exec(path.slice(path.lastIndexOf('/') + 1))?.[1];
}

/** The number in a front matter code such as `L3`. */
function rankOf(code: string): number | undefined {
  const digits = /\d+/.exec(code)?.[0];
  return digits === undefined ? undefined : Number(digits);
}
