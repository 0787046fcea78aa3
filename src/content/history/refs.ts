import * as nodePath from 'node:path';
import { readCounters } from './objects';
import type { GitRepository } from './repository';

/** One ref: what it points at, and for an annotated tag in packed-refs, the commit it peels to. */
export interface RefTarget {
  readonly oid: string;
  /** From packed-refs' `^<oid>` line; absent for a loose ref. */
  readonly peeled?: string;
  /** Read from packed-refs (a loose file of the same name replaces it). */
  readonly packed: boolean;
}

/** Every ref under refs/, by full name, as git sees them: a loose ref wins over a packed one. */
export interface RefTable {
  readonly refs: ReadonlyMap<string, RefTarget>;
  /**
   * True when packed-refs says its tags are peeled: every packed tag that peels to another object has
   * its `^` line, so one without it is no annotated tag and need not be read.
   */
  readonly tagsPeeled: boolean;
}

/** Symbolic refs (`ref: refs/...`) are followed this far, as git gives up on loops. */
const MAX_SYMBOLIC_HOPS = 5;
const OID = /^[0-9a-f]{40}$/;

// one read per repository object: the history makes a new one (new cache) on each refresh
const tables = new WeakMap<object, Promise<RefTable>>();

/**
 * Reads packed-refs once and the loose files under refs/ once. isomorphic-git's resolveRef reads
 * packed-refs again for every ref, which made thousands of tags cost minutes.
 */
export function readRefTable(repo: GitRepository): Promise<RefTable> {
  let table = tables.get(repo.cache);
  if (!table) {
    table = buildTable(repo);
    tables.set(repo.cache, table);
    table.catch(() => tables.delete(repo.cache));
  }
  return table;
}

async function buildTable(repo: GitRepository): Promise<RefTable> {
  const counters = readCounters(repo);
  const packed = await readText(repo, 'packed-refs');
  if (packed !== null) counters.refFilesRead++;
  const { refs, tagsPeeled } = parsePackedRefs(packed);
  const symbolic = new Map<string, string>();
  for (const name of await looseRefNames(repo)) {
    const text = (await readText(repo, name))?.trim();
    counters.refFilesRead++;
    if (!text) continue;
    if (OID.test(text)) refs.set(name, { oid: text, packed: false });
    else if (text.startsWith('ref: ')) symbolic.set(name, text.slice(5).trim());
  }
  for (const [name, target] of symbolic) {
    let at = target;
    for (let hops = 0; hops < MAX_SYMBOLIC_HOPS && symbolic.has(at); hops++) at = symbolic.get(at)!;
    const resolved = refs.get(at);
    if (resolved) refs.set(name, resolved);
  }
  return { refs, tagsPeeled };
}

/** packed-refs: `<oid> <name>` lines, each annotated tag's followed by `^<peeled oid>`. */
export function parsePackedRefs(text: string | null): { refs: Map<string, RefTarget>; tagsPeeled: boolean } {
  const refs = new Map<string, RefTarget>();
  let tagsPeeled = false;
  let last: string | null = null;
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('#')) {
      // "peeled" promises the lines for refs/tags/, "fully-peeled" for every ref
      if (line.startsWith('# pack-refs with:')) {
        const traits = line.slice('# pack-refs with:'.length).trim().split(/\s+/);
        tagsPeeled ||= traits.includes('peeled') || traits.includes('fully-peeled');
      }
      continue;
    }
    if (line.startsWith('^')) {
      const peeled = line.slice(1);
      const target = last === null ? undefined : refs.get(last);
      if (target && OID.test(peeled)) refs.set(last!, { oid: target.oid, peeled, packed: true });
      continue;
    }
    const space = line.indexOf(' ');
    const oid = line.slice(0, space);
    const name = line.slice(space + 1);
    last = null;
    if (space < 0 || !OID.test(oid) || !name.startsWith('refs/')) continue;
    refs.set(name, { oid, packed: true });
    last = name;
  }
  return { refs, tagsPeeled };
}

/** The loose ref files under refs/, as `refs/...` names; lock files are another process's writes. */
async function looseRefNames(repo: GitRepository): Promise<string[]> {
  const names: string[] = [];
  const pending = ['refs'];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    const entries = await repo.fs.promises
      .readdir(nodePath.join(repo.gitdir, folder), { withFileTypes: true })
      .catch(() => []);
    for (const entry of entries) {
      const name = `${folder}/${entry.name}`;
      if (entry.isDirectory()) pending.push(name);
      else if (entry.isFile() && !entry.name.endsWith('.lock')) names.push(name);
    }
  }
  return names;
}

async function readText(repo: GitRepository, name: string): Promise<string | null> {
  try {
    return await repo.fs.promises.readFile(nodePath.join(repo.gitdir, name), 'utf8');
  } catch {
    return null;
  }
}
