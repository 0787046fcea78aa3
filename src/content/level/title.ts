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

/**
 * Code, rank and title from `# L3: Senior Engineer` and front matter, or null, with the reason
 * reported, when one of them cannot be told.
 */
export function resolveTitle(
  heading: TitleHeading | null,
  o: TitleOverrides,
  problems: LevelProblems,
): LevelIdentity | null {
  if (!heading && o.title === undefined) {
    problems.report(
      'missing-title',
      1,
      1,
      'This level has no title; start it with a heading such as "# L3: Senior Engineer".',
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
    problems.report(
      'bad-title',
      line,
      problems.column(line),
      `The title "${shown}" has no level code; write it as "# L3: ${shown}" or set code and rank in front matter.`,
    );
    return null;
  }
  if (rank === undefined || rank < MIN_RANK || rank > MAX_RANK) {
    problems.report(
      'bad-title',
      line,
      problems.column(line),
      `The rank of ${code} cannot be told (it needs a number from ${MIN_RANK} to ${MAX_RANK}); use a code such as L3 or set rank in front matter.`,
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

/** The number in a front matter code such as `L3`. */
function rankOf(code: string): number | undefined {
  const digits = /\d+/.exec(code)?.[0];
  return digits === undefined ? undefined : Number(digits);
}
