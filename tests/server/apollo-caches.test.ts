import { parse } from 'graphql';
import { APOLLO_CACHE_LIMITS, DocumentStore, persistedQueryCache } from '../../src/server/apollo/caches';

describe("Apollo's caches, bounded", () => {
  it('keeps at most the documents the limit allows, however many unique ones arrive', async () => {
    const store = new DocumentStore();
    for (let i = 0; i < APOLLO_CACHE_LIMITS.documents + 200; i++) {
      const document = parse(`{ level(id: "x${i}") { id } }`);
      await store.set(`doc-${i}`, document);
      await store.set(`doc-${i}`, document);
    }
    expect(store.keys().length).toBe(APOLLO_CACHE_LIMITS.documents);
    expect(await store.get('doc-0')).toBeUndefined(); // the oldest went first
  });

  it('bounds large documents by their size, not only their count', async () => {
    const store = new DocumentStore();
    const big = `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: tracks { id name description }`).join(' ')} }`;
    for (let i = 0; i < 200; i++) {
      const document = parse(`${big} # ${i}`);
      await store.set(`big-${i}`, document);
      await store.set(`big-${i}`, document);
    }
    expect(store.keys().length).toBeLessThan(200);
  });

  it('keeps a document the second time its text is seen, never the first', async () => {
    const store = new DocumentStore();
    const first = parse('{ tracks { id } }');
    await store.set('k', first);
    expect(await store.get('k')).toBeUndefined();
    expect(store.holds(first)).toBe(false);
    const second = parse('{ tracks { id } }');
    await store.set('k', second);
    expect(await store.get('k')).toBe(second);
    expect(store.holds(second)).toBe(true);
    // a flood of texts seen once leaves the store empty
    for (let i = 0; i < 5_000; i++) await store.set(`once-${i}`, parse(`{ level(id: "o${i}") { id } }`));
    expect(store.keys()).toEqual(['k']);
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
