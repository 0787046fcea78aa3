import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A complete answer, kept as the bytes that were sent: encoded once, written as they are. */
export interface CachedResponse {
  readonly body: Buffer;
  readonly etag: string;
  readonly contentType: string;
}

/**
 * What identifies an answer: content only changes on reload, so (version, query, variables,
 * operation name) determine the response bytes. Variables are keyed as sent; a different key
 * order only costs a second entry.
 */
export function responseKey(
  version: string,
  query: string,
  variables: unknown,
  operationName: unknown,
): string | null {
  try {
    return JSON.stringify([version, query, variables ?? null, operationName ?? null]);
  } catch {
    // variables nested deeper than the stack (a hostile body): not cacheable; Apollo refuses them
    return null;
  }
}

/** A strong validator for the answer to a key (RFC 9110 §8.8.3). */
export function etagFor(key: string): string {
  return `"${createHash('sha1').update(key).digest('base64url')}"`;
}

/**
 * Complete responses for repeated operations, bounded in bytes, emptied when the content changes.
 * A response is kept the second time its key is seen: operations that never repeat (a value in the
 * variables that changes every time) would otherwise fill the cache with answers nobody asks for
 * again, and keep the garbage collector busy moving them.
 */
export class ResponseCache {
  private readonly lru: LRUCache<string, CachedResponse> | null;
  /** ETags of answers seen once; an ETag is a short digest of the key. */
  private readonly seenOnce = new LRUCache<string, true>({ max: 10_000 });

  constructor(maxBytes: number) {
    this.lru =
      maxBytes > 0
        ? new LRUCache<string, CachedResponse>({
            maxSize: maxBytes,
            // the body's bytes, the key (two bytes a character) and the entry's own overhead
            sizeCalculation: (value, key) => value.body.length + 2 * key.length + 200,
          })
        : null;
  }

  get enabled(): boolean {
    return this.lru !== null;
  }

  get(key: string): CachedResponse | undefined {
    return this.lru?.get(key);
  }

  set(key: string, value: CachedResponse): void {
    if (!this.lru) return;
    if (!this.seenOnce.has(value.etag)) {
      this.seenOnce.set(value.etag, true);
      return;
    }
    // an answer larger than the whole cache is not kept (lru-cache refuses it)
    this.lru.set(key, value);
  }

  clear(): void {
    this.lru?.clear();
    this.seenOnce.clear();
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }
}
