import { gql } from '@urql/core';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the GraphQL API over HTTP, through a real client', () => {
  it('answers the L2 to L3 diff', async () => {
    const result = await server.client
      .query(
        gql`
          query Diff($from: ID!, $to: ID!) {
            diffLevels(from: $from, to: $to) {
              from {
                id
              }
              to {
                id
              }
              summary {
                added
                removed
                changed
                unchanged
              }
              competencies {
                slug
                status
                expectations {
                  status
                  segments {
                    kind
                    text
                  }
                }
              }
            }
          }
        `,
        { from: 'site-reliability-engineer/L2', to: 'site-reliability-engineer/L3' },
      )
      .toPromise();
    expect(result.error).toBeUndefined();
    const diff = result.data.diffLevels;
    expect(diff.to.id).toBe('site-reliability-engineer/L3');
    expect(diff.competencies.map((c: { slug: string }) => c.slug)).toContain('domain-expertise');
    expect(diff.summary.changed).toBeGreaterThan(0);
  });

  it('serves queries over GET with the CSRF header, with an ETag and Cache-Control', async () => {
    const result = await server.getClient
      .query(
        gql`
          {
            tracks {
              id
            }
          }
        `,
        {},
      )
      .toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.tracks).toHaveLength(2);
    const query = encodeURIComponent('{ tracks { id } }');
    const response = await fetch(`${server.url}?query=${query}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^".+"$/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('reports an unknown level id as BAD_USER_INPUT through the client', async () => {
    const result = await server.client
      .query(
        gql`
          {
            diffLevels(from: "site-reliability-engineer/L2", to: "nope/L3") {
              summary {
                added
              }
            }
          }
        `,
        {},
      )
      .toPromise();
    expect(result.error?.graphQLErrors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.error?.graphQLErrors[0]?.extensions.requestId).toEqual(expect.any(String));
  });

  it('searches over HTTP', async () => {
    const result = await server.client
      .query(
        gql`
          query S($q: String!) {
            search(query: $q, limit: 3) {
              kind
              id
              score
              level {
                id
              }
            }
          }
        `,
        { q: 'mentor' },
      )
      .toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.search.length).toBeGreaterThan(0);
    expect(result.data.search.length).toBeLessThanOrEqual(3);
  });
});

describe('readers of a promotion step, over HTTP', () => {
  const query = (text: string) =>
    server.client
      .query(gql(text), {})
      .toPromise()
      .then((r) => {
        expect(r.error).toBeUndefined();
        return r.data;
      });

  it('says how each track progresses, and what a level expects with the level that states it', async () => {
    const data = await query(`{
      tracks { id progression }
      level(id: "site-reliability-engineer/L3") {
        expected { expectation { id text } statedAt { code } grownFrom { id } }
      }
    }`);
    expect(data.tracks.map((t: { progression: string }) => t.progression)).toEqual([
      'CUMULATIVE',
      'CUMULATIVE',
    ]);
    const stated = new Set(data.level.expected.map((e: { statedAt: { code: string } }) => e.statedAt.code));
    expect([...stated].sort()).toEqual(['L1', 'L2', 'L3']);
    const grown = data.level.expected.filter((e: { grownFrom: unknown[] }) => e.grownFrom.length > 0);
    expect(grown.length).toBeGreaterThan(0);
  });

  it('compares what each level expects by default, and what each file writes with basis: WRITTEN', async () => {
    const diff = (basis: string) => `{
      diffLevels(from: "site-reliability-engineer/L2", to: "site-reliability-engineer/L3"${basis}) {
        competencies { expectations { status } }
      }
    }`;
    const removed = (data: { diffLevels: { competencies: { expectations: { status: string }[] }[] } }) =>
      data.diffLevels.competencies.flatMap((c) => c.expectations).filter((e) => e.status === 'REMOVED')
        .length;
    expect(removed(await query(diff('')))).toBe(0);
    expect(removed(await query(diff(', basis: EXPECTED')))).toBe(0);
    expect(removed(await query(diff(', basis: WRITTEN')))).toBeGreaterThan(0);
  });
});
