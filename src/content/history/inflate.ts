import { constants, createInflate, inflateSync } from 'node:zlib';
import { GitObjectError } from './object-error';

/** What reading objects cost, for tests and diagnostics: every byte zlib produced is counted. */
export interface ReadCounters {
  /** Bytes zlib inflated (an inflate refused at its bound counts the bound). */
  inflatedBytes: number;
  /** Objects whose bytes were asked for (a delta's bases count too). */
  objectsRead: number;
  /** Ref files read: loose refs and packed-refs. */
  refFilesRead: number;
}

/** Compressed bytes that can be read piecewise: a loose object file, or the data of a pack entry. */
export interface CompressedSource {
  /** How many compressed bytes there are. */
  readonly length: number;
  /** Up to `length` bytes from `position`; fewer at the end. */
  read(position: number, length: number): Promise<Buffer>;
}

/**
 * Each compressed byte a prefix read feeds zlib inflates to at most about a kilobyte (deflate's
 * longest match in a couple of bits), so feeding this many at a time keeps the overshoot past the
 * wanted prefix small whatever the data.
 */
const PREFIX_FEED_BYTES = 32;
/** Compressed bytes read from the file at a time by a prefix read. */
const READ_AHEAD_BYTES = 4096;
/** How far past the wanted prefix the one-pass attempt of a prefix read may inflate before giving up. */
const PREFIX_SLACK_BYTES = 16 * 1024;

/**
 * Deflate never grows data by more than a few bytes per stored block plus its headers, so a stream
 * whose compressed form is longer than this cannot inflate to `size` bytes or fewer.
 */
export function maxCompressedLength(size: number): number {
  return size + Math.ceil(size / 16_384) * 5 + 64;
}

/** Inflates a whole stream that must come to exactly `size` bytes; refuses to produce more. */
export function inflateExact(compressed: Buffer, size: number, counters: ReadCounters): Buffer {
  const out = inflateUpTo(compressed, size, counters);
  if (out === null || out.length !== size)
    throw new GitObjectError('GIT_OBJECT_CORRUPT', 'inflated size differs from its header');
  return out;
}

/** Inflates a whole stream, or returns null as soon as it would pass `limit` bytes. */
export function inflateUpTo(compressed: Buffer, limit: number, counters: ReadCounters): Buffer | null {
  try {
    const out = inflateSync(compressed, { maxOutputLength: Math.max(1, limit) });
    counters.inflatedBytes += out.length;
    return out;
  } catch (error) {
    if (overBound(error)) {
      counters.inflatedBytes += limit;
      return null;
    }
    throw new GitObjectError('GIT_OBJECT_CORRUPT', 'the compressed data is not a zlib stream');
  }
}

/**
 * Inflates the start of a stream cut anywhere; null when it would pass `limit` bytes. Deflate never
 * makes much more than a kilobyte of a compressed byte, so a short enough start never fails.
 */
export function inflateStart(start: Buffer, limit: number, counters: ReadCounters): Buffer | null {
  try {
    const out = inflateSync(start, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: limit });
    counters.inflatedBytes += out.length;
    return out;
  } catch (error) {
    if (!overBound(error)) {
      throw new GitObjectError('GIT_OBJECT_CORRUPT', 'the compressed data is not a zlib stream');
    }
    counters.inflatedBytes += limit;
    return null;
  }
}

/**
 * The first `want` bytes of a stream (fewer when it is shorter), inflating only a little past them.
 * Text compresses a few times over, so a compressed start a little longer than `want` is tried in
 * one pass first; when that inflates too far (data that compresses very well, the case this exists
 * for), or the inflated size `total` says it would, the compressed bytes are fed a few at a time
 * instead and the inflater is dropped once enough came out.
 */
export async function inflatePrefix(
  source: CompressedSource,
  want: number,
  counters: ReadCounters,
  total?: number,
): Promise<Buffer> {
  if (want <= 0 || source.length === 0) return Buffer.alloc(0);
  const attempt = Math.min(source.length, want + (want >> 3) + 1024);
  const expected = total === undefined ? 0 : (total * attempt) / source.length;
  if (expected <= want + PREFIX_SLACK_BYTES) {
    const start = await source.read(0, attempt);
    const out = inflateStart(start, want + PREFIX_SLACK_BYTES, counters);
    if (out && (out.length >= want || start.length === source.length)) return out.subarray(0, want);
  }
  return streamPrefix(source, want, counters);
}

async function streamPrefix(source: CompressedSource, want: number, counters: ReadCounters): Promise<Buffer> {
  const inflater = createInflate();
  const parts: Buffer[] = [];
  let got = 0;
  let failure: unknown = null;
  inflater.on('data', (chunk: Buffer) => {
    parts.push(chunk);
    got += chunk.length;
    counters.inflatedBytes += chunk.length;
  });
  inflater.on('error', (error) => {
    failure = error;
  });
  try {
    let bufferStart = 0;
    let current = await source.read(0, Math.min(source.length, READ_AHEAD_BYTES));
    for (let position = 0; got < want && position < source.length && failure === null;) {
      if (position - bufferStart >= current.length) {
        bufferStart = position;
        current = await source.read(position, Math.min(source.length - position, READ_AHEAD_BYTES));
        if (current.length === 0) break;
      }
      const from = position - bufferStart;
      const slice = current.subarray(from, from + PREFIX_FEED_BYTES);
      position += slice.length;
      await new Promise<void>((resolve) => {
        inflater.write(slice, () => resolve());
      });
    }
  } finally {
    inflater.destroy();
  }
  if (failure !== null && got < want) {
    throw new GitObjectError('GIT_OBJECT_CORRUPT', 'the compressed data is not a zlib stream');
  }
  const all = Buffer.concat(parts);
  return all.length > want ? all.subarray(0, want) : all;
}

/** zlib's refusal to pass maxOutputLength; by code, as the error may come from another realm. */
function overBound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}
