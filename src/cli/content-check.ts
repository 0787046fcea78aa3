import { loadContentReport, type LoadResult } from '../content/load';
import { compareProblems, formatProblem, type ContentProblem } from '../content/problem';
import { lintProgression } from '../domain/progression-lint';

/** What a run of the command produced; the caller prints `output` and exits with `exitCode`. */
export interface CheckOutcome {
  readonly exitCode: number;
  readonly output: string;
}

const USAGE = `Usage: npm run content:check -- [dir] [--strict] [--format text|json]

Checks a content directory (default: $CONTENT_DIR, or ./content) and prints every problem, and
once it loads, how each cumulative track grows (progression-* warnings).
  --strict          exit 1 on warnings too, not only on errors
  --format json     print { ok, version, problems, counts } instead of text
Exit status: 0 clean, 1 problems, 2 usage error.`;

interface Args {
  dir: string | null;
  strict: boolean;
  format: 'text' | 'json';
}

/** Parses arguments by hand: four flags do not justify a dependency, and unknown ones must fail loudly. */
function parseArgs(argv: readonly string[]): Args | { error: string } | 'help' {
  const args: Args = { dir: null, strict: false, format: 'text' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--strict') {
      args.strict = true;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json')
        return { error: `--format takes text or json, not ${value ?? 'nothing'}` };
      args.format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return { error: `unknown option ${arg}` };
    } else if (args.dir === null) {
      args.dir = arg;
    } else {
      return { error: `only one directory may be given (got ${args.dir} and ${arg})` };
    }
  }
  return args;
}

/** Runs `content:check` in-process: tests call this, the command line wraps it. */
export async function runContentCheck(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CheckOutcome> {
  const args = parseArgs(argv);
  if (args === 'help') return { exitCode: 0, output: USAGE };
  if ('error' in args) return { exitCode: 2, output: `content:check: ${args.error}\n\n${USAGE}` };

  const dir = args.dir ?? (env.CONTENT_DIR || './content');
  const { result, version, fileCount } = await loadContentReport(dir);
  const problems = [...result.problems, ...progressionAdvice(result)].sort(compareProblems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const exitCode = errors > 0 || (args.strict && warnings > 0) ? 1 : 0;

  if (args.format === 'json') {
    const json = { ok: result.ok, version, problems, counts: { files: fileCount, errors, warnings } };
    return { exitCode, output: JSON.stringify(json, null, 2) };
  }
  const lines = problems.map(formatProblem);
  lines.push(`${plural(fileCount, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return { exitCode, output: lines.join('\n') };
}

/**
 * The progression lint, for content that loads: advice to authors, so it lives here rather than in
 * the loader, whose warnings the server logs on every load. Drafts are linted too (the whole
 * framework), since this is the authors' own check.
 */
function progressionAdvice(result: LoadResult): ContentProblem[] {
  return result.ok ? lintProgression(result.framework) : [];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

if (require.main === module) {
  void runContentCheck(process.argv.slice(2)).then(({ exitCode, output }) => {
    // Usage errors go to stderr so a pipe expecting problems (or JSON) is not fed the help text.
    (exitCode === 2 ? process.stderr : process.stdout).write(`${output}\n`);
    process.exitCode = exitCode;
  });
}
