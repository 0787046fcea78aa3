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
