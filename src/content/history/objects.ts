import * as nodePath from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import {
  applyDelta,
  MAX_DELTA_HEADER_BYTES,
  maxDeltaLength,
  parseDeltaHeader,
  planDelta,
  type DeltaHeader,
  type DeltaPlan,
} from './delta';
import {
  inflateExact,
  inflatePrefix,
  inflateStart,
  maxCompressedLength,
  type CompressedSource,
  type ReadCounters,
} from './inflate';
import { GitObjectError } from './object-error';
import {
  MAX_ENTRY_HEADER_BYTES,
  parseEntryHeader,
  readPackIndexes,
  type PackEntryHeader,
  type PackIndex,
} from './pack';
import type { GitRepository } from './repository';

/** The four kinds of git object. */
export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';

/** An object's type and size, and its bytes, or its first bytes, or none when it was refused. */
export interface ObjectRead<Data extends Buffer | null = Buffer | null> {
  readonly type: ObjectType;
  readonly size: number;
  readonly data: Data;
}

/**
 * git's pack-objects never makes a delta against a base more than 32 times the size of the result,
 * so bases of this many times a read's limit cover every pack git writes, and bound the rest.
 */
const BASE_FACTOR = 32;
/** git refuses to write delta chains deeper than this. */
const MAX_DELTA_DEPTH = 4095;
/** A loose object's header ("commit 1234\0") is never longer than this. */
const MAX_LOOSE_HEADER_BYTES = 32;
/**
 * The compressed bytes tried first for a loose object's header: too few to inflate past
 * {@link PROBE_OUTPUT_BYTES}, enough for the header of an object whose data starts early.
 */
const PROBE_INPUT_BYTES = 32;
/** Tried next, for an object whose compression tables come first; this one may hit the bound. */
const SECOND_PROBE_INPUT_BYTES = 512;
const PROBE_OUTPUT_BYTES = 64 * 1024;

/** A delta this small is inflated in one pass even when only its header is needed. */
const SMALL_DELTA_BYTES = 64 * 1024;

interface RepositoryObjects {
  packs: Promise<PackIndex[]> | null;
  readonly counters: ReadCounters;
}

// keyed by the repository's cache, so a refreshed repository (new packs after a gc) starts afresh
const byCache = new WeakMap<object, RepositoryObjects>();

function objectsOf(repo: GitRepository): RepositoryObjects {
  let objects = byCache.get(repo.cache);
  if (!objects) {
    objects = { packs: null, counters: { inflatedBytes: 0, objectsRead: 0, refFilesRead: 0 } };
    byCache.set(repo.cache, objects);
  }
  return objects;
}

/** What reads through this repository object (and its cache) have cost so far. */
export function readCounters(repo: GitRepository): ReadCounters {
  return objectsOf(repo).counters;
}

/** The whole object when it is at most `limit` bytes; otherwise its type and size, nothing inflated past the limit. */
export function readObjectBounded(repo: GitRepository, oid: string, limit: number): Promise<ObjectRead> {
  return load(contextOf(repo, limit), oid, limit, 'whole', 0);
}

/** The object's first `limit` bytes (all of it when shorter). */
export function readObjectPrefix(
  repo: GitRepository,
  oid: string,
  limit: number,
): Promise<ObjectRead<Buffer>> {
  return load(contextOf(repo, limit), oid, limit, 'prefix', 0) as Promise<ObjectRead<Buffer>>;
}

/** A blob's bytes, or its size when it is over `maxBytes`: decided from its header, before inflating it. */
export async function readBlobBounded(
  repo: GitRepository,
  oid: string,
  maxBytes: number,
): Promise<{ bytes: Buffer } | { tooLarge: number }> {
  const read = await readObjectBounded(repo, oid, maxBytes);
  if (read.type !== 'blob') throw new GitObjectError('GIT_OBJECT_WRONG_TYPE', `${oid} is a ${read.type}`);
  return read.data === null ? { tooLarge: read.size } : { bytes: read.data };
}

interface Context {
  readonly repo: GitRepository;
  readonly objects: RepositoryObjects;
  /** The most any delta base of this read may need. */
  readonly baseBound: number;
}

type Mode = 'whole' | 'prefix';

function contextOf(repo: GitRepository, limit: number): Context {
  return { repo, objects: objectsOf(repo), baseBound: BASE_FACTOR * Math.max(limit, 4096) };
}

async function load(
  context: Context,
  oid: string,
  wanted: number,
  mode: Mode,
  depth: number,
): Promise<ObjectRead> {
  if (!/^[0-9a-f]{40}$/.test(oid)) throw new GitObjectError('GIT_OBJECT_MISSING', `not an object id: ${oid}`);
  context.objects.counters.objectsRead++;
  const loose = await loadLoose(context, oid, wanted, mode);
  if (loose) return loose;
  const objects = context.objects;
  objects.packs ??= readPackIndexes(context.repo);
  for (const pack of await objects.packs) {
    const offset = pack.offsetOf(oid);
    if (offset !== null) return loadPacked(context, pack, offset, wanted, mode, depth);
  }
  throw new GitObjectError('GIT_OBJECT_MISSING', `object ${oid} is not in the repository`);
}

async function loadLoose(
  context: Context,
  oid: string,
  wanted: number,
  mode: Mode,
): Promise<ObjectRead | null> {
  const file = nodePath.join(context.repo.gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
  let handle: FileHandle;
  try {
    handle = await context.repo.fs.promises.open(file, 'r');
  } catch {
    return null;
  }
  try {
    const source = rangeOf(handle, 0, (await handle.stat()).size);
    const counters = context.objects.counters;
    const { type, size, length } = await looseHeader(source, counters);
    if (size <= wanted) {
      if (source.length > maxCompressedLength(length + size)) throw corrupt(oid);
      const whole = inflateExact(await source.read(0, source.length), length + size, counters);
      return { type, size, data: whole.subarray(length) };
    }
    if (mode === 'whole') return { type, size, data: null };
    const head = await inflatePrefix(source, length + wanted, counters, length + size);
    if (head.length < length + wanted) throw corrupt(oid);
    return { type, size, data: head.subarray(length) };
  } finally {
    await handle.close();
  }
}

/** A loose object's type and size, from the first bytes of its inflated form. */
async function looseHeader(
  source: CompressedSource,
  counters: ReadCounters,
): Promise<{ type: ObjectType; size: number; length: number }> {
  let head: Buffer | null = null;
  for (const input of [PROBE_INPUT_BYTES, SECOND_PROBE_INPUT_BYTES]) {
    const start = await source.read(0, input);
    head = inflateStart(start, PROBE_OUTPUT_BYTES, counters);
    if (head === null || head.indexOf(0) >= 0 || start.length === source.length) break;
  }
  // a probe that hit its bound met data that compresses very well: feed the rest a little at a time
  if (head === null || head.indexOf(0) < 0) {
    head = await inflatePrefix(source, MAX_LOOSE_HEADER_BYTES, counters, Number.MAX_SAFE_INTEGER);
  }
  const end = head.indexOf(0);
  const match = end < 0 ? null : /^(commit|tree|blob|tag) (\d{1,15})$/.exec(head.toString('latin1', 0, end));
  if (!match) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'bad loose object header');
  return { type: match[1] as ObjectType, size: Number(match[2]), length: end + 1 };
}

async function loadPacked(
  context: Context,
  pack: PackIndex,
  offset: number,
  wanted: number,
  mode: Mode,
  depth: number,
): Promise<ObjectRead> {
  if (depth > MAX_DELTA_DEPTH) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'delta chain too deep');
  const entry = await readEntry(context, pack, offset, wanted, mode);
  if ('type' in entry) return entry;
  const { header, deltaHeader } = entry;
  const base = (need: number) =>
    header.baseOffset !== undefined
      ? loadPacked(context, pack, header.baseOffset, need, 'prefix', depth + 1)
      : load(context, header.baseOid!, need, 'prefix', depth + 1);
  if (entry.plan === null) return { type: (await base(0)).type, size: deltaHeader.resultSize, data: null };
  const { plan } = entry;
  if (plan.baseNeeded > context.baseBound) {
    throw new GitObjectError(
      'GIT_OBJECT_TOO_LARGE',
      'the delta needs more of its base than a read may inflate',
    );
  }
  const from = await base(plan.baseNeeded);
  if (from.size !== deltaHeader.baseSize || from.data === null) {
    throw new GitObjectError('GIT_OBJECT_CORRUPT', 'delta base differs from the delta header');
  }
  const need = Math.min(wanted, deltaHeader.resultSize);
  return {
    type: from.type,
    size: deltaHeader.resultSize,
    data: applyDelta(plan.instructions, from.data, need),
  };
}

/** A pack entry whose bytes are the delta against a base, read up to what the wanted bytes need. */
interface DeltaEntry {
  readonly header: PackEntryHeader;
  readonly deltaHeader: DeltaHeader;
  /** Null when the result is over a whole read's limit, so only its type is still to be found. */
  readonly plan: DeltaPlan | null;
}

/** Reads one entry, its file closed before any base is read, so a long chain holds one file open. */
async function readEntry(
  context: Context,
  pack: PackIndex,
  offset: number,
  wanted: number,
  mode: Mode,
): Promise<ObjectRead | DeltaEntry> {
  const counters = context.objects.counters;
  const handle = await context.repo.fs.promises.open(pack.packPath, 'r');
  try {
    const packLength = (await handle.stat()).size;
    const headerBytes = await rangeOf(handle, 0, packLength).read(offset, MAX_ENTRY_HEADER_BYTES);
    const header = parseEntryHeader(headerBytes, offset);
    const end = pack.endOf(offset, packLength);
    if (end < header.dataStart)
      throw new GitObjectError('GIT_OBJECT_CORRUPT', 'pack entry overlaps the next');
    const source = rangeOf(handle, header.dataStart, end);
    const whole = async (size: number) => {
      if (source.length > maxCompressedLength(size)) {
        throw new GitObjectError('GIT_OBJECT_CORRUPT', 'pack entry longer than its data');
      }
      return inflateExact(await source.read(0, source.length), size, counters);
    };

    if (header.kind !== 'ofs-delta' && header.kind !== 'ref-delta') {
      const { kind: type, size } = header;
      if (size <= wanted) return { type, size, data: await whole(size) };
      if (mode === 'whole') return { type, size, data: null };
      const data = await inflatePrefix(source, wanted, counters, size);
      if (data.length < wanted)
        throw new GitObjectError('GIT_OBJECT_CORRUPT', 'pack entry shorter than its header');
      return { type, size, data };
    }

    const deltaSize = header.size;
    const small = deltaSize <= SMALL_DELTA_BYTES;
    let delta = small
      ? await whole(deltaSize)
      : await inflatePrefix(source, MAX_DELTA_HEADER_BYTES, counters, deltaSize);
    const deltaHeader = parseDeltaHeader(delta);
    const size = deltaHeader.resultSize;
    if (mode === 'whole' && size > wanted) return { header, deltaHeader, plan: null };
    const need = Math.min(wanted, size);
    if (deltaSize > maxDeltaLength(size))
      throw new GitObjectError('GIT_OBJECT_CORRUPT', 'delta longer than its result');
    if (!small) {
      delta =
        need === size
          ? await whole(deltaSize)
          : await inflatePrefix(source, Math.min(deltaSize, maxDeltaLength(need)), counters, deltaSize);
    }
    return { header, deltaHeader, plan: planDelta(delta, deltaHeader, need) };
  } finally {
    await handle.close();
  }
}

/** `start`..`end` of a file as a compressed source. */
function rangeOf(handle: FileHandle, start: number, end: number): CompressedSource {
  return {
    length: end - start,
    async read(position, length) {
      const size = Math.max(0, Math.min(length, end - start - position));
      const buffer = Buffer.alloc(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(buffer, filled, size - filled, start + position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === size ? buffer : buffer.subarray(0, filled);
    },
  };
}

function corrupt(oid: string): GitObjectError {
  return new GitObjectError('GIT_OBJECT_CORRUPT', `object ${oid} is not what its header says`);
}
