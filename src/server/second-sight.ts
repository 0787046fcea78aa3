import { LRUCache } from 'lru-cache';

/**
 * The rule both caches of answers and documents follow: keep an entry the second time its key is
 * seen. Requests that never repeat (a new literal or variable every time) then leave behind only a
 * key in this bounded list, instead of filling the cache with entries nobody asks for again, which
 * the garbage collector would promote to old space and collect there.
 */
export class SecondSight {
  private readonly seenOnce: LRUCache<string, true>;

  /** `max`: how many keys seen once are remembered. */
  constructor(max: number) {
    this.seenOnce = new LRUCache<string, true>({ max });
  }

  /** Whether `key` was offered before; the first time it is remembered and the answer is false. */
  seenBefore(key: string): boolean {
    if (this.seenOnce.has(key)) return true;
    this.seenOnce.set(key, true);
    return false;
  }

  clear(): void {
    this.seenOnce.clear();
  }
}
