import { LRUCache } from 'lru-cache';
import { SecondSight } from './second-sight';

/** A complete answer, kept as the bytes that were sent: encoded once, written as they are. */
export interface CachedResponse {
  readonly body: Buffer;
  readonly etag: string;
  readonly contentType: string;
  /** The operation it answers, for metrics on a hit. */
  readonly operationName: string | null;
}

/**
 * Complete responses for repeated requests, bounded in bytes, emptied when the content changes.
 * A response is kept the second time its key is seen (SecondSight).
 */
export class ResponseCache {
  private readonly lru: LRUCache<string, CachedResponse> | null;
  /** Keys seen once, by their ETag-sized digest. */
  private readonly seen = new SecondSight(10_000);

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

  /** Keeps the answer if its key was seen before; `digest` is a short hash of the key. */
  set(key: string, digest: string, value: CachedResponse): void {
    if (!this.lru) return;
    if (!this.seen.seenBefore(digest)) return;
    // an answer larger than the whole cache is not kept (lru-cache refuses it)
    this.lru.set(key, value);
  }

  clear(): void {
    this.lru?.clear();
    this.seen.clear();
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }
}
