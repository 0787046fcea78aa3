import { problem, type ContentProblem, type ProblemCode } from '../problem';

/** The problems found in one level file, placed at file lines and columns. */
export class LevelProblems {
  /** Every problem reported so far, in the order found. */
  readonly list: ContentProblem[] = [];
  private readonly lines: string[];

  constructor(
    private readonly path: string,
    /** The file's text (front matter blanked out), to find columns in. */
    body: string,
  ) {
    this.lines = body.split('\n');
  }

  /** Adds a problem from the catalogue at a 1-based line and column. */
  report(code: ProblemCode, line: number, column: number, message: string): void {
    this.list.push(problem(code, this.path, line, column, message));
  }

  /** Reports content the format has no place for, which is ignored. */
  unexpected(line: number, message: string): void {
    this.report('unexpected-content', line, this.column(line), message);
  }

  /** The text of a 1-based line of the file. */
  lineText(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  /** Column of the first non-blank character: token maps carry lines only. */
  column(line: number): number {
    return (/^\s*/.exec(this.lineText(line))?.[0].length ?? 0) + 1;
  }
}
