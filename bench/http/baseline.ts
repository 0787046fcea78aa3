/**
 * `--baseline <ref>`: this server as it was at another commit, built in a temporary git worktree
 * outside the repository and measured beside the current one in the same run, so "before and after"
 * share the machine, the load generator and the minute they were measured in.
 *
 * The worktree gets this checkout's node_modules through a symlink when the two lockfiles are
 * byte-identical (the dependencies are then the same), else its own `npm ci`. It is removed when
 * the run ends, also on an error or a signal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths';
import { NPM, git, onExit, runStep } from './processes';

/** The baseline as the results record it. */
export interface Baseline {
  /** The ref as given on the command line. */
  readonly ref: string;
  readonly commit: string;
  readonly subject: string;
  /** The worktree, removed at the end of the run. */
  readonly dir: string;
  readonly install: 'symlink' | 'npm ci';
  readonly installSeconds: number;
  readonly buildSeconds: number;
}

/** Resolves a ref to a commit of this repository, or throws saying what went wrong. */
function resolveCommit(ref: string): string {
  const commit = git(ROOT, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit) throw new Error(`--baseline ${ref}: no such commit in ${ROOT}`);
  return commit;
}

function removeWorktree(dir: string): void {
  // idempotent: runs at the end of the run and again on exit
  if (!existsSync(dir)) return;
  // unlink the borrowed node_modules first, so no removal below can ever reach into this checkout's
  const modules = join(dir, 'node_modules');
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) unlinkSync(modules);
  // git forgets the worktree and deletes its files; rm catches what git leaves (node_modules, say)
  spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore', timeout: 60_000 });
  rmSync(dir, { recursive: true, force: true });
  spawnSync('git', ['worktree', 'prune'], { cwd: ROOT, stdio: 'ignore', timeout: 30_000 });
}

/** Checks out, installs and builds `ref` in a temporary worktree; returns it ready to start. */
export function prepareBaseline(ref: string): Baseline {
  const commit = resolveCommit(ref);
  const subject = git(ROOT, ['log', '-1', '--format=%s', commit]) ?? '';
  const dir = mkdtempSync(join(os.tmpdir(), `cfa-bench-baseline-${commit.slice(0, 7)}-`));
  const remove = (): void => removeWorktree(dir);
  onExit(remove);
  try {
    console.log(`\nbaseline ${ref} = ${commit.slice(0, 10)} "${subject}", in ${dir}`);
    runStep('git', ['worktree', 'add', '--detach', '--quiet', dir, commit], ROOT, 'git worktree add');

    const lockfile = (root: string): Buffer | null => {
      try {
        return readFileSync(join(root, 'package-lock.json'));
      } catch {
        return null;
      }
    };
    const mine = lockfile(ROOT);
    const theirs = lockfile(dir);
    let install: Baseline['install'];
    let installSeconds = 0;
    if (mine && theirs && mine.equals(theirs) && existsSync(join(ROOT, 'node_modules'))) {
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      install = 'symlink';
      console.log('baseline dependencies: same lockfile, node_modules linked from this checkout');
    } else {
      install = 'npm ci';
      installSeconds = runStep(NPM, ['ci', '--no-audit', '--no-fund'], dir, 'baseline npm ci', 600_000);
    }

    const buildSeconds = runStep(NPM, ['run', '--silent', 'build'], dir, 'baseline npm run build');
    if (!existsSync(join(dir, 'dist', 'main.js')))
      throw new Error(`the baseline's build wrote no dist/main.js in ${dir}`);
    return { ref, commit, subject, dir, install, installSeconds, buildSeconds };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The baseline as the results file records it: the worktree is gone by then. */
export function recordOf({ dir: _dir, ...record }: Baseline): Omit<Baseline, 'dir'> {
  return record;
}

/** Removes the baseline's worktree (also done on exit, whatever happens; removing twice is harmless). */
export function removeBaseline(baseline: Baseline | null): void {
  if (baseline) removeWorktree(baseline.dir);
}
