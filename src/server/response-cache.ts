import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A complete answer, kept as the bytes that were sent. */
export interface CachedResponse {
  readonly body: string;
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

/** Complete responses for repeated operations, bounded in bytes, emptied when the content changes. */
export class ResponseCache {
  private readonly lru: LRUCache<string, CachedResponse> | null;

  constructor(maxBytes: number) {
    this.lru =
      maxBytes > 0
        ? new LRUCache<string, CachedResponse>({
            maxSize: maxBytes,
            // a JS string's size in memory is about two bytes a character, plus the key
            sizeCalculation: (value, key) => 2 * (value.body.length + key.length) + 200,
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
    // an answer larger than the whole cache is not kept (lru-cache would refuse it anyway)
    this.lru?.set(key, value);
  }

  clear(): void {
    this.lru?.clear();
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }
}
