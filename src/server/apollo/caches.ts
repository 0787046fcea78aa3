import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { SecondSight } from '../second-sight';
import type { DocumentNode } from 'graphql';

/** Bounds of the caches Apollo keeps per process, published in README "Operations". */
export const APOLLO_CACHE_LIMITS = {
  /** Parsed and validated documents, by count. */
  documents: 1_000,
  /** …and by estimated heap bytes. */
  documentBytes: 16 * 1024 * 1024,
  /** Texts seen once, remembered (by hash) so the second sight stores the document. */
  documentsSeenOnce: 10_000,
  /** Automatic persisted queries (query texts registered by hash), by count. */
  persistedQueries: 1_000,
  /** …and by characters of query text. */
  persistedQueryChars: 4 * 1024 * 1024,
} as const;

// A parsed document's heap size, estimated from its source length: measured on the examples' and
// the explorer's documents (10,000 copies each, Node 20) at 33–85 bytes per character, about 3 KB for
// a 17-character one, and 48.5 KB for the benchmark's full-level query under the soak; 80 a
// character keeps the store's real size near its budget. Apollo's default measures each document
// with JSON.stringify, which costs about as much as the parse on every unique document.
const HEAP_BYTES_PER_SOURCE_CHAR = 80;
const HEAP_BYTES_PER_DOCUMENT = 3_000;

/**
 * Apollo's document store (the parse and validation cache), bounded by count and by an estimate
 * of heap bytes, that keeps a document the second time its text is seen. A flood of documents that
 * never repeat then costs one parse each and leaves nothing behind: stored on first sight, every
 * one of them would live through a few garbage collections, move to V8's old space and be evicted
 * there, and that churn, not the store's size, is what held RSS above 200 MB under `bench:soak`.
 * A repeated document is parsed twice instead of once.
 *
 * The compiled execution plugin compiles exactly the documents this store holds, so compiled code
 * is bounded with them and goes when the store evicts the document.
 */
export class DocumentStore implements KeyValueCache<DocumentNode> {
  private readonly documents = new InMemoryLRUCache<DocumentNode>({
    max: APOLLO_CACHE_LIMITS.documents,
    maxSize: APOLLO_CACHE_LIMITS.documentBytes,
    sizeCalculation: (document) =>
      HEAP_BYTES_PER_DOCUMENT + (document.loc?.end ?? 1_000) * HEAP_BYTES_PER_SOURCE_CHAR,
  });
  /** Keys (Apollo's schema prefix and the text's SHA-256) seen once and not stored. */
  private readonly seen = new SecondSight(APOLLO_CACHE_LIMITS.documentsSeenOnce);
  /** Every document this store has kept; weak, so an evicted one is collected as usual. */
  private readonly kept = new WeakSet<DocumentNode>();

  async get(key: string): Promise<DocumentNode | undefined> {
    return this.documents.get(key);
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    if (!this.seen.seenBefore(key)) return;
    this.kept.add(document);
    await this.documents.set(key, document);
  }

  async delete(key: string): Promise<boolean> {
    return this.documents.delete(key);
  }

  /** Whether this document object was stored: its text has been seen at least twice. */
  holds(document: DocumentNode): boolean {
    return this.kept.has(document);
  }

  /** The stored keys, oldest last. */
  keys(): string[] {
    return this.documents.keys();
  }
}

/** The cache behind automatic persisted queries, bounded the same way. */
export function persistedQueryCache(): InMemoryLRUCache<string> {
  return new InMemoryLRUCache<string>({
    max: APOLLO_CACHE_LIMITS.persistedQueries,
    maxSize: APOLLO_CACHE_LIMITS.persistedQueryChars,
    sizeCalculation: (query) => Math.max(1, query.length),
  });
}
