import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import * as git from 'isomorphic-git';

/** The git repository that holds the content folder, as isomorphic-git reads it. */
export interface GitRepository {
  readonly fs: typeof nodeFs;
  /** The repository's git directory (`.git`, or where a `.git` file points). */
  readonly gitdir: string;
  /** The content folder inside the repository, with forward slashes; '' when it is the root. */
  readonly prefix: string;
  /**
   * isomorphic-git's cache of parsed pack indexes, shared by every read of one scan or version; the
   * history replaces the repository object (and so the cache) on each refresh.
   */
  readonly cache: object;
}

/**
 * The repository that holds `contentDir`, or null when there is none: the folder and its parents
 * are searched for `.git`, as git itself does. Read in-process by isomorphic-git, so the image needs
 * no git binary.
 */
export async function findRepository(contentDir: string): Promise<GitRepository | null> {
  let real: string;
  try {
    real = await nodeFs.promises.realpath(contentDir);
  } catch {
    return null;
  }
  let root: string;
  try {
    root = await git.findRoot({ fs: nodeFs, filepath: real });
  } catch {
    return null;
  }
  const gitdir = await gitDirOf(root);
  if (gitdir === null) return null;
  const prefix = nodePath.relative(root, real).split(nodePath.sep).join('/');
  return { fs: nodeFs, gitdir, prefix, cache: {} };
}

/** `.git` is a folder, or (submodules, worktrees) a file that says `gitdir: <path>`. */
async function gitDirOf(root: string): Promise<string | null> {
  const dotGit = nodePath.join(root, '.git');
  try {
    const stats = await nodeFs.promises.stat(dotGit);
    if (stats.isDirectory()) return dotGit;
    const text = await nodeFs.promises.readFile(dotGit, 'utf8');
    const match = /^gitdir:\s*(.+)$/m.exec(text);
    return match ? nodePath.resolve(root, match[1]!.trim()) : null;
  } catch {
    return null;
  }
}

/** The same repository with an empty cache, for a fresh scan after a reload. */
export function refreshed(repo: GitRepository): GitRepository {
  return { ...repo, cache: {} };
}
