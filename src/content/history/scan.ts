import * as git from 'isomorphic-git';
import { MAX_TAGS_PER_VERSION, type FrameworkVersion } from '../../domain/versions';
import { isDraftLevelFile, STATUS_PREFIX_BYTES } from './draft-status';
import { readObjectPrefix } from './objects';
import { readCommitHead, type CommitHead } from './commit-head';
import { branchTips as refBranchTips, tagsByTarget } from './ref-tips';
import type { GitRepository } from './repository';

/**
 * How many commits the scan reads between two yields to the event loop: reads from a pack already
 * in memory never wait for I/O, so without a yield a long scan would hold every other request.
 */
export const SCAN_YIELD_EVERY = 200;

/** Every version in a repository, and how refs lead to them. */
export interface VersionIndex {
  /** Newest first: by commit time, a commit before its parents when the times tie. */
  readonly versions: readonly FrameworkVersion[];
  /** The branch that counts as published; null when HEAD is detached (its commit counts then). */
  readonly defaultBranch: string | null;
  /** The version at the tip of the default branch (or detached HEAD). */
  readonly head: FrameworkVersion | null;
  /** The same for callers without the drafts permission: the newest version they may see there. */
  readonly publishedHead: FrameworkVersion | null;
  /**
   * The version a tag, branch, full or short hash (4+ digits) names; null when none. Without `drafts`
   * only what such a caller may see counts: unpublished branches and commits that only touched
   * drafts are unknown, a short hash is matched against the other commits alone, and a commit is
   * the newest version before it they may see.
   */
  resolve(ref: string, drafts: boolean): FrameworkVersion | null;
}

interface CommitInfo {
  readonly parents: readonly string[];
  readonly time: number;
  readonly subject: string;
  /** Identifies the content: equal signatures, equal content files. */
  readonly signature: string;
  /** The same over the published content only: no draft level files, no track of drafts alone. */
  readonly publishedSignature: string;
}

/** What the scan remembers of trees and blobs: each is read once however many commits share it. */
interface ScanMemo {
  readonly signatures: Map<string, ContentSignatures>;
  readonly tracks: Map<string, string>;
  readonly drafts: Map<string, boolean>;
}

interface ContentSignatures {
  readonly full: string;
  readonly published: string;
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
  const { fs, gitdir } = repo;
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
  const memo: ScanMemo = { signatures: new Map(), tracks: new Map(), drafts: new Map() };
  let sinceYield = 0;
  const pending = [...new Set([...branches.values(), ...tags.keys(), ...(headTip ? [headTip] : [])])];
  while (pending.length > 0) {
    const oid = pending.pop()!;
    if (commits.has(oid)) continue;
    if (++sinceYield >= SCAN_YIELD_EVERY) {
      sinceYield = 0;
      await new Promise(setImmediate);
    }
    let commit: CommitHead;
    try {
      // bounded: only the subject of a message is used, and a message may be hundreds of megabytes
      commit = await readCommitHead(repo, oid);
    } catch {
      continue; // a shallow clone's boundary: its parents are not in the repository
    }
    const signature = await contentSignatures(repo, commit.tree, memo);
    commits.set(oid, {
      parents: commit.parents,
      time: commit.time,
      subject: commit.subject,
      signature: signature.full,
      publishedSignature: signature.published,
    });
    pending.push(...commit.parents);
  }

  const published = reachable(commits, headTip);
  const versions: FrameworkVersion[] = [];
  /** Commits a caller without the drafts permission never hears of: unpublished, or drafts alone changed. */
  const hidden = new Set<string>();
  for (const [oid, info] of commits) {
    const parent = info.parents[0] === undefined ? undefined : commits.get(info.parents[0]);
    const changed = parent ? parent.signature !== info.signature : info.signature !== '';
    const publicChange = parent
      ? parent.publishedSignature !== info.publishedSignature
      : info.publishedSignature !== '';
    const own = tags.get(oid) ?? [];
    const isPublished = published.has(oid) || own.length > 0;
    if (!isPublished || (changed && !publicChange)) hidden.add(oid);
    if (!changed) continue;
    versions.push({
      id: oid,
      shortId: oid.slice(0, 7),
      tags: [...own].sort().slice(0, MAX_TAGS_PER_VERSION),
      committedAt: new Date(info.time * 1000),
      subject: info.subject,
      published: isPublished,
      visibleWithoutDrafts: isPublished && publicChange,
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
  const versionAt = (oid: string | null | undefined, drafts: boolean): FrameworkVersion | null => {
    for (let at = oid; at; at = commits.get(at)?.parents[0]) {
      const version = byOid.get(at);
      if (version && (drafts || version.visibleWithoutDrafts)) return version;
      if (!commits.has(at)) return null;
    }
    return null;
  };
  const resolve = (ref: string, drafts: boolean): FrameworkVersion | null => {
    const trimmed = ref.trim();
    if (trimmed === '') return null;
    const tagged = [...tags].find(([, names]) => names.includes(trimmed))?.[0];
    if (tagged) return versionAt(tagged, drafts);
    if (trimmed === 'HEAD') return versionAt(headTip, drafts);
    const branch = branches.get(trimmed);
    if (branch) return drafts || published.has(branch) ? versionAt(branch, drafts) : null;
    if (!/^[0-9a-f]{4,40}$/i.test(trimmed)) return null;
    const prefix = trimmed.toLowerCase();
    const matches: string[] = [];
    for (const oid of commits.keys())
      if (oid.startsWith(prefix) && (drafts || !hidden.has(oid))) matches.push(oid);
    // an ambiguous short hash names nothing, as git refuses it
    return matches.length === 1 ? versionAt(matches[0], drafts) : null;
  };
  return {
    versions,
    defaultBranch,
    head: versionAt(headTip, true),
    publishedHead: versionAt(headTip, false),
    resolve,
  };
}

/** Tags by the commit they point at (annotated tags peeled), from one read of the refs. */
function peeledTags(repo: GitRepository): Promise<Map<string, string[]>> {
  return tagsByTarget(repo);
}

/** Local branches by name, and remote-tracking ones as `origin/x`, from one read of the refs. */
function branchTips(repo: GitRepository): Promise<Map<string, string>> {
  return refBranchTips(repo);
}

/**
 * The content folder's track folders and markdown files with their object ids, in full and as a
 * caller without the drafts permission sees them; '' when the commit has no content folder. Hidden
 * entries and READMEs are left out, as the loader ignores them.
 */
async function contentSignatures(
  repo: GitRepository,
  rootTree: string,
  memo: ScanMemo,
): Promise<ContentSignatures> {
  const known = memo.signatures.get(rootTree);
  if (known !== undefined) return known;
  let signatures: ContentSignatures = { full: '', published: '' };
  try {
    const { tree } = await git.readTree({
      fs: repo.fs,
      gitdir: repo.gitdir,
      oid: rootTree,
      ...(repo.prefix === '' ? {} : { filepath: repo.prefix }),
      cache: repo.cache,
    });
    const entries = tree.filter(
      (e) => !e.path.startsWith('.') && (e.type === 'tree' || isContentFile(e.path)),
    );
    const published: string[] = [];
    for (const entry of entries) {
      if (entry.type !== 'tree') published.push(`${entry.path}:${entry.oid}`);
      else {
        const track = await publishedTrack(repo, entry.path, entry.oid, memo);
        if (track !== '') published.push(`${entry.path}:${track}`);
      }
    }
    signatures = {
      full: entries.map((e) => `${e.path}:${e.oid}`).join('\n'),
      published: published.join('\n'),
    };
  } catch {
    signatures = { full: '', published: '' };
  }
  memo.signatures.set(rootTree, signatures);
  return signatures;
}

/**
 * A track folder's published files (track.md and every level file that is not a draft) with their
 * object ids; '' when every level is a draft, as the track is then not there for such a caller.
 * Anything else in the folder counts as published, as the loader reports it to everyone.
 */
async function publishedTrack(
  repo: GitRepository,
  name: string,
  treeOid: string,
  memo: ScanMemo,
): Promise<string> {
  const known = memo.tracks.get(treeOid);
  if (known !== undefined) return known;
  const { tree } = await git.readTree({ fs: repo.fs, gitdir: repo.gitdir, oid: treeOid, cache: repo.cache });
  const kept: string[] = [];
  let publishedLevels = 0;
  let levels = 0;
  for (const entry of tree) {
    if (entry.path.startsWith('.') || (entry.type !== 'tree' && !isContentFile(entry.path))) continue;
    const isLevel = entry.type === 'blob' && entry.path.toLowerCase() !== 'track.md';
    if (isLevel) {
      levels++;
      if (await isDraftBlob(repo, `${name}/${entry.path}`, entry.oid, memo)) continue;
      publishedLevels++;
    }
    kept.push(`${entry.path}:${entry.oid}`);
  }
  const signature = levels > 0 && publishedLevels === 0 ? '' : kept.join('/');
  memo.tracks.set(treeOid, signature);
  return signature;
}

/** Whether a level file's blob is a draft, read from its first bytes only and once per blob. */
async function isDraftBlob(repo: GitRepository, path: string, oid: string, memo: ScanMemo): Promise<boolean> {
  const known = memo.drafts.get(oid);
  if (known !== undefined) return known;
  let draft = false;
  try {
    const read = await readObjectPrefix(repo, oid, STATUS_PREFIX_BYTES);
    draft = read.type === 'blob' && isDraftLevelFile(read.data, path);
  } catch {
    draft = false; // unreadable: the loader refuses the commit, and to everyone
  }
  memo.drafts.set(oid, draft);
  return draft;
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
