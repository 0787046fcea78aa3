import { parse } from 'graphql';
import { APOLLO_CACHE_LIMITS, documentStore, persistedQueryCache } from '../../src/server/apollo/caches';

describe("Apollo's caches, bounded", () => {
  it('keeps at most the documents the limit allows, however many unique ones arrive', async () => {
    const store = documentStore();
    for (let i = 0; i < APOLLO_CACHE_LIMITS.documents + 200; i++)
      await store.set(`doc-${i}`, parse(`{ level(id: "x${i}") { id } }`));
    expect(store.keys().length).toBe(APOLLO_CACHE_LIMITS.documents);
    expect(await store.get('doc-0')).toBeUndefined(); // the oldest went first
  });

  it('bounds large documents by their size, not only their count', async () => {
    const store = documentStore();
    const big = `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: tracks { id name description }`).join(' ')} }`;
    for (let i = 0; i < 200; i++) await store.set(`big-${i}`, parse(`${big} # ${i}`));
    expect(store.keys().length).toBeLessThan(200);
  });

  it('bounds registered persisted queries by count and characters', async () => {
    const cache = persistedQueryCache();
    for (let i = 0; i < APOLLO_CACHE_LIMITS.persistedQueries + 50; i++) await cache.set(`h${i}`, `{ a${i} }`);
    expect(cache.keys().length).toBe(APOLLO_CACHE_LIMITS.persistedQueries);
    const long = 'x'.repeat(APOLLO_CACHE_LIMITS.persistedQueryChars / 4);
    for (let i = 0; i < 8; i++) await cache.set(`long${i}`, long + i);
    expect(cache.keys().filter((k) => k.startsWith('long')).length).toBeLessThanOrEqual(4);
  });
});
