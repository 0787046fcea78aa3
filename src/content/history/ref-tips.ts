import * as git from 'isomorphic-git';
import { readObjectBounded, readObjectPrefix } from './objects';
import { readRefTable } from './refs';
import type { GitRepository } from './repository';

/** An annotated tag of a tag of... is followed this far to its commit. */
const MAX_TAG_HOPS = 10;
/** A tag object's first line names its target; this much of it is read. */
const TAG_READ_CAP = 4096;

/** Tags by the object they lead to (annotated tags peeled), from one read of the refs. */
export async function tagsByTarget(repo: GitRepository): Promise<Map<string, string[]>> {
  const { refs, tagsPeeled } = await readRefTable(repo);
  const byTarget = new Map<string, string[]>();
  // thousands of tags often name a few commits: each object is peeled once
  const peeled = new Map<string, Promise<string | null>>();
  const peelOnce = (oid: string) => {
    let known = peeled.get(oid);
    if (!known) peeled.set(oid, (known = peel(repo, oid).catch(() => null)));
    return known;
  };
  for (const [ref, target] of refs) {
    if (!ref.startsWith('refs/tags/')) continue;
    const oid = target.peeled ?? (target.packed && tagsPeeled ? target.oid : await peelOnce(target.oid));
    if (!oid) continue;
    const name = ref.slice('refs/tags/'.length);
    byTarget.set(oid, [...(byTarget.get(oid) ?? []), name]);
  }
  return byTarget;
}

/** The object a tag leads to, following annotated tags; a commit is its own. */
async function peel(repo: GitRepository, start: string): Promise<string> {
  let oid = start;
  for (let hops = 0; hops < MAX_TAG_HOPS; hops++) {
    // the type alone first: most tags name a commit, and nothing of it needs inflating
    const { type } = await readObjectBounded(repo, oid, 0);
    if (type !== 'tag') return oid;
    const { data } = await readObjectPrefix(repo, oid, TAG_READ_CAP);
    const next = /^object ([0-9a-f]{40})\n/.exec(data.toString('latin1'))?.[1];
    if (!next) return oid;
    oid = next;
  }
  return oid;
}

/** Local branches by name, and remote-tracking ones as `origin/x`, from one read of the refs. */
export async function branchTips(repo: GitRepository): Promise<Map<string, string>> {
  const { refs } = await readRefTable(repo);
  const remotes = (await git.listRemotes({ fs: repo.fs, gitdir: repo.gitdir }).catch(() => []))
    .map((r) => r.remote)
    .sort((a, b) => b.length - a.length);
  const tips = new Map<string, string>();
  for (const [ref, target] of refs) {
    if (ref.startsWith('refs/heads/')) tips.set(ref.slice('refs/heads/'.length), target.oid);
  }
  for (const [ref, target] of refs) {
    if (!ref.startsWith('refs/remotes/')) continue;
    const rest = ref.slice('refs/remotes/'.length);
    const remote = remotes.find((r) => rest.startsWith(`${r}/`));
    if (remote === undefined || rest === `${remote}/HEAD`) continue;
    tips.set(rest, target.oid);
  }
  return tips;
}
