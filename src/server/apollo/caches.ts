import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';

/** Bounds of the caches Apollo keeps per process, published in README "Operations". */
export const APOLLO_CACHE_LIMITS = {
  /** Parsed and validated documents, by count. */
  documents: 1_000,
  /** …and by estimated heap bytes. */
  documentBytes: 16 * 1024 * 1024,
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
 * of heap bytes, so a flood of unique documents cannot grow memory without bound. The compiled
 * execution plugin keys its code by these same document objects, so it is bounded with them.
 */
export function documentStore(): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    max: APOLLO_CACHE_LIMITS.documents,
    maxSize: APOLLO_CACHE_LIMITS.documentBytes,
    sizeCalculation: (document) =>
      HEAP_BYTES_PER_DOCUMENT + (document.loc?.end ?? 1_000) * HEAP_BYTES_PER_SOURCE_CHAR,
  });
}

/** The cache behind automatic persisted queries, bounded the same way. */
export function persistedQueryCache(): InMemoryLRUCache<string> {
  return new InMemoryLRUCache<string>({
    max: APOLLO_CACHE_LIMITS.persistedQueries,
    maxSize: APOLLO_CACHE_LIMITS.persistedQueryChars,
    sizeCalculation: (query) => Math.max(1, query.length),
  });
}
