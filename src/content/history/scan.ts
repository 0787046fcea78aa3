import * as git from 'isomorphic-git';
import { MAX_TAGS_PER_VERSION, type FrameworkVersion } from '../../domain/versions';
import type { GitRepository } from './repository';

/** Every version in a repository, and how refs lead to them. */
export interface VersionIndex {
  /** Newest first: by commit time, a commit before its parents when the times tie. */
  readonly versions: readonly FrameworkVersion[];
  /** The branch that counts as published; null when HEAD is detached (its commit counts then). */
  readonly defaultBranch: string | null;
  /** The version at the tip of the default branch (or detached HEAD). */
  readonly head: FrameworkVersion | null;
  /** The version a tag, branch, full or short hash (4+ digits) names; null when none. */
  resolve(ref: string): FrameworkVersion | null;
}

interface CommitInfo {
  readonly parents: readonly string[];
  readonly time: number;
  readonly subject: string;
  /** Identifies the content: equal signatures, equal content files. */
  readonly signature: string;
}

/** Options of {@link scanVersions}. */
export interface ScanOptions {
  /** The published branch; default the checked-out one, else main, else master. */
  readonly branch?: string | null;
}

/**
 * Reads the repository's history once: every commit reachable from a branch or tag, and among them
 * the versions, the commits whose content differs from their first parent's. The content is compared
 * by the object ids of the content folder's track folders (and of its files), so a commit that only
 * touched files outside the content is no version, and a subtree seen once is never read again.
 */
export async function scanVersions(repo: GitRepository, options: ScanOptions = {}): Promise<VersionIndex> {
  const { fs, gitdir, cache } = repo;
  const tags = await peeledTags(repo);
  const branches = await branchTips(repo);
  const current = await git.currentBranch({ fs, gitdir, fullname: false }).catch(() => undefined);
  const defaultBranch =
    options.branch ?? current ?? (branches.has('main') ? 'main' : branches.has('master') ? 'master' : null);
  const headTip =
    defaultBranch !== null
      ? (branches.get(defaultBranch) ?? null)
      : await git.resolveRef({ fs, gitdir, ref: 'HEAD' }).catch(() => null);

  const commits = new Map<string, CommitInfo>();
  const signatures = new Map<string, string>();
  const pending = [...new Set([...branches.values(), ...tags.keys(), ...(headTip ? [headTip] : [])])];
  while (pending.length > 0) {
    const oid = pending.pop()!;
    if (commits.has(oid)) continue;
    let read: git.ReadCommitResult;
    try {
      read = await git.readCommit({ fs, gitdir, oid, cache });
    } catch {
      continue; // a shallow clone's boundary: its parents are not in the repository
    }
    const { commit } = read;
    const signature = await contentSignature(repo, commit.tree, signatures);
    commits.set(oid, {
      parents: commit.parent,
      time: commit.committer.timestamp,
      subject: commit.message.split('\n', 1)[0]!.trim(),
      signature,
    });
    pending.push(...commit.parent);
  }

  const published = reachable(commits, headTip);
  const versions: FrameworkVersion[] = [];
  for (const [oid, info] of commits) {
    const parent = info.parents[0] === undefined ? undefined : commits.get(info.parents[0]);
    const changed = parent ? parent.signature !== info.signature : info.signature !== '';
    if (!changed) continue;
    const own = tags.get(oid) ?? [];
    versions.push({
      id: oid,
      shortId: oid.slice(0, 7),
      tags: [...own].sort().slice(0, MAX_TAGS_PER_VERSION),
      committedAt: new Date(info.time * 1000),
      subject: info.subject,
      published: published.has(oid) || own.length > 0,
    });
  }
  const generation = generations(commits);
  versions.sort(
    (a, b) =>
      b.committedAt.getTime() - a.committedAt.getTime() ||
      generation.get(b.id)! - generation.get(a.id)! ||
      (a.id < b.id ? -1 : 1),
  );

  const byOid = new Map(versions.map((v) => [v.id, v]));
  /** The version a commit's content is: itself, or the nearest first-parent ancestor that is one. */
  const versionAt = (oid: string | null | undefined): FrameworkVersion | null => {
    for (let at = oid; at; at = commits.get(at)?.parents[0]) {
      const version = byOid.get(at);
      if (version) return version;
      if (!commits.has(at)) return null;
    }
    return null;
  };
  const resolve = (ref: string): FrameworkVersion | null => {
    const trimmed = ref.trim();
    if (trimmed === '') return null;
    const tagged = [...tags].find(([, names]) => names.includes(trimmed))?.[0];
    if (tagged) return versionAt(tagged);
    if (trimmed === 'HEAD') return versionAt(headTip);
    const branch = branches.get(trimmed);
    if (branch) return versionAt(branch);
    if (!/^[0-9a-f]{4,40}$/i.test(trimmed)) return null;
    const prefix = trimmed.toLowerCase();
    const matches = [...commits.keys()].filter((oid) => oid.startsWith(prefix));
    // an ambiguous short hash names nothing, as git refuses it
    return matches.length === 1 ? versionAt(matches[0]) : null;
  };
  return { versions, defaultBranch, head: versionAt(headTip), resolve };
}

/** Tags by the commit they point at (annotated tags peeled). */
async function peeledTags(repo: GitRepository): Promise<Map<string, string[]>> {
  const { fs, gitdir, cache } = repo;
  const byCommit = new Map<string, string[]>();
  for (const name of await git.listTags({ fs, gitdir })) {
    let oid = await git.resolveRef({ fs, gitdir, ref: `refs/tags/${name}` }).catch(() => null);
    // an annotated tag is an object of its own; follow it (and any tag of a tag) to the commit
    for (let hops = 0; oid && hops < 10; hops++) {
      const tag = await git.readTag({ fs, gitdir, oid, cache }).catch(() => null);
      if (!tag) break;
      oid = tag.tag.object;
    }
    if (!oid) continue;
    byCommit.set(oid, [...(byCommit.get(oid) ?? []), name]);
  }
  return byCommit;
}

/** Local branches by name, and remote-tracking ones as `origin/x`. */
async function branchTips(repo: GitRepository): Promise<Map<string, string>> {
  const { fs, gitdir } = repo;
  const tips = new Map<string, string>();
  for (const name of await git.listBranches({ fs, gitdir })) {
    const oid = await git.resolveRef({ fs, gitdir, ref: `refs/heads/${name}` }).catch(() => null);
    if (oid) tips.set(name, oid);
  }
  for (const remote of await git.listRemotes({ fs, gitdir }).catch(() => [])) {
    for (const name of await git.listBranches({ fs, gitdir, remote: remote.remote }).catch(() => [])) {
      if (name === 'HEAD') continue;
      const ref = `refs/remotes/${remote.remote}/${name}`;
      const oid = await git.resolveRef({ fs, gitdir, ref }).catch(() => null);
      if (oid) tips.set(`${remote.remote}/${name}`, oid);
    }
  }
  return tips;
}

/**
 * The content folder's track folders and markdown files with their object ids; '' when the commit
 * has no content folder. Hidden entries and READMEs are left out, as the loader ignores them.
 */
async function contentSignature(
  repo: GitRepository,
  rootTree: string,
  memo: Map<string, string>,
): Promise<string> {
  const known = memo.get(rootTree);
  if (known !== undefined) return known;
  let signature = '';
  try {
    const { tree } = await git.readTree({
      fs: repo.fs,
      gitdir: repo.gitdir,
      oid: rootTree,
      ...(repo.prefix === '' ? {} : { filepath: repo.prefix }),
      cache: repo.cache,
    });
    signature = tree
      .filter((e) => !e.path.startsWith('.') && (e.type === 'tree' || isContentFile(e.path)))
      .map((e) => `${e.path}:${e.oid}`)
      .join('\n');
  } catch {
    signature = '';
  }
  memo.set(rootTree, signature);
  return signature;
}

/** A markdown file the loader reads or warns about (a README is neither). */
function isContentFile(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.md') && lower !== 'readme.md';
}

/** Every commit reachable from `tip` (all parents). */
function reachable(commits: ReadonlyMap<string, CommitInfo>, tip: string | null): Set<string> {
  const seen = new Set<string>();
  const pending = tip ? [tip] : [];
  while (pending.length > 0) {
    const oid = pending.pop()!;
    if (seen.has(oid) || !commits.has(oid)) continue;
    seen.add(oid);
    pending.push(...commits.get(oid)!.parents);
  }
  return seen;
}

/** Each commit's distance from the root, so a child sorts before its parent when times tie. */
function generations(commits: ReadonlyMap<string, CommitInfo>): Map<string, number> {
  const result = new Map<string, number>();
  for (const start of commits.keys()) {
    const stack = [start];
    while (stack.length > 0) {
      const oid = stack[stack.length - 1]!;
      if (result.has(oid)) {
        stack.pop();
        continue;
      }
      const parents = commits.get(oid)!.parents.filter((p) => commits.has(p));
      const missing = parents.filter((p) => !result.has(p));
      if (missing.length > 0) {
        stack.push(...missing);
        continue;
      }
      result.set(oid, 1 + Math.max(0, ...parents.map((p) => result.get(p)!)));
      stack.pop();
    }
  }
  return result;
}
