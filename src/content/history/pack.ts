import * as nodePath from 'node:path';
import type { GitRepository } from './repository';
import { GitObjectError } from './object-error';

/**
 * One pack of the repository: its version-2 index, kept whole (a few dozen bytes an object), and the
 * pack file, read an entry at a time. isomorphic-git's own pack reader loads the pack whole and
 * inflates objects before their size is known, which is what this one exists to avoid.
 */
export interface PackIndex {
  readonly packPath: string;
  /** Where an object's entry starts in the pack, or null when this pack does not hold it. */
  offsetOf(oid: string): number | null;
  /** Where the entry at `offset` ends: the next entry's start, or the pack's trailing checksum. */
  endOf(offset: number, packLength: number): number;
}

/** The object kinds of a pack entry's header (gitformat-pack: "Object types"). */
export type PackEntryKind = 'commit' | 'tree' | 'blob' | 'tag' | 'ofs-delta' | 'ref-delta';

/** A pack entry's header: what it is, its inflated size, where its zlib data starts, its base. */
export interface PackEntryHeader {
  readonly kind: PackEntryKind;
  /** The inflated size of the entry's data: the object's size, or the delta's for a delta. */
  readonly size: number;
  /** Where the zlib data starts in the pack. */
  readonly dataStart: number;
  /** An ofs-delta's base: the offset of its entry. */
  readonly baseOffset?: number;
  /** A ref-delta's base: its object id. */
  readonly baseOid?: string;
}

const KINDS: Readonly<Record<number, PackEntryKind>> = {
  1: 'commit',
  2: 'tree',
  3: 'blob',
  4: 'tag',
  6: 'ofs-delta',
  7: 'ref-delta',
};

/** Longest an entry header can be: type and size (up to 10 bytes), then a base offset or id. */
export const MAX_ENTRY_HEADER_BYTES = 32;

/** The repository's pack indexes, read from objects/pack/*.idx; packs of other formats are skipped. */
export async function readPackIndexes(repo: GitRepository): Promise<PackIndex[]> {
  const folder = nodePath.join(repo.gitdir, 'objects', 'pack');
  let names: string[];
  try {
    names = await repo.fs.promises.readdir(folder);
  } catch {
    return [];
  }
  const indexes: PackIndex[] = [];
  for (const name of names.filter((n) => n.endsWith('.idx')).sort()) {
    const bytes = await repo.fs.promises.readFile(nodePath.join(folder, name)).catch(() => null);
    const index = bytes && parseIndex(bytes, nodePath.join(folder, name.replace(/\.idx$/, '.pack')));
    if (index) indexes.push(index);
  }
  return indexes;
}

/** Parses a version-2 index (gitformat-pack: "Version 2 pack-*.idx files"). */
function parseIndex(idx: Buffer, packPath: string): PackIndex | null {
  if (idx.length < 8 + 1024 || idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) return null;
  const count = idx.readUInt32BE(8 + 255 * 4);
  const hashes = 8 + 1024;
  const offsets = hashes + count * 24;
  const largeOffsets = offsets + count * 4;
  if (idx.length < largeOffsets + 40) return null;
  const fanout = (byte: number) => (byte < 0 ? 0 : idx.readUInt32BE(8 + byte * 4));
  const offsetAt = (i: number): number => {
    const small = idx.readUInt32BE(offsets + i * 4);
    if ((small & 0x80000000) === 0) return small;
    const at = largeOffsets + (small & 0x7fffffff) * 8;
    return Number(idx.readBigUInt64BE(at));
  };
  let sorted: Float64Array | null = null;
  return {
    packPath,
    offsetOf(oid) {
      const wanted = Buffer.from(oid, 'hex');
      if (wanted.length !== 20) return null;
      let low = fanout(wanted[0]! - 1);
      let high = fanout(wanted[0]!);
      while (low < high) {
        const middle = (low + high) >>> 1;
        const order = idx.compare(wanted, 0, 20, hashes + middle * 20, hashes + middle * 20 + 20);
        if (order === 0) return offsetAt(middle);
        if (order < 0) low = middle + 1;
        else high = middle;
      }
      return null;
    },
    endOf(offset, packLength) {
      if (!sorted) {
        sorted = new Float64Array(count);
        for (let i = 0; i < count; i++) sorted[i] = offsetAt(i);
        sorted.sort();
      }
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (sorted[middle]! <= offset) low = middle + 1;
        else high = middle;
      }
      return low < sorted.length ? sorted[low]! : packLength - 20;
    },
  };
}

/** Decodes the entry header at the start of `bytes`, which were read at `offset` of the pack. */
export function parseEntryHeader(bytes: Buffer, offset: number): PackEntryHeader {
  let at = 0;
  const next = (): number => {
    if (at >= bytes.length) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'truncated pack entry header');
    return bytes[at++]!;
  };
  let byte = next();
  const kind = KINDS[(byte >> 4) & 7];
  if (!kind) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'unknown pack entry type');
  let size = byte & 0x0f;
  for (let shift = 4; byte & 0x80; shift += 7) {
    byte = next();
    size += (byte & 0x7f) * 2 ** shift;
  }
  if (kind === 'ofs-delta') {
    // the offset's own encoding adds one per continuation byte, so no value has two spellings
    byte = next();
    let distance = byte & 0x7f;
    while (byte & 0x80) {
      byte = next();
      distance = (distance + 1) * 128 + (byte & 0x7f);
    }
    if (distance <= 0 || distance > offset)
      throw new GitObjectError('GIT_OBJECT_CORRUPT', 'bad delta base offset');
    return { kind, size, dataStart: offset + at, baseOffset: offset - distance };
  }
  if (kind === 'ref-delta') {
    if (bytes.length < at + 20) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'truncated pack entry header');
    return { kind, size, dataStart: offset + at + 20, baseOid: bytes.toString('hex', at, at + 20) };
  }
  return { kind, size, dataStart: offset + at };
}
