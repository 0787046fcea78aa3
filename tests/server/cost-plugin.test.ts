import { ApolloServer } from '@apollo/server';
import type { Framework } from '../../src/domain/framework';
import type { GraphQLContext } from '../../src/graphql/context';
import { buildFrameworkSchema } from '../../src/graphql/schema';
import { DIFF, MATRIX } from '../../src/explorer/client/queries';
import { costPlugin } from '../../src/server/apollo/cost-plugin';
import { removeTempDirs, tempDir } from '../content/helpers';
import { bundledFramework } from '../support/bundled';
import { HOSTILE } from '../graphql/cost-cases';
import { LARGE_TRACK, loadLargeContent } from '../graphql/large-content';

// The plugin through Apollo's own pipeline, on a bare server: the codes and statuses a client sees.

let server: ApolloServer<GraphQLContext>;
let bundled: Framework;
let large: Framework;
beforeAll(async () => {
  server = new ApolloServer<GraphQLContext>({ schema: buildFrameworkSchema(), plugins: [costPlugin()] });
  await server.start();
  bundled = await bundledFramework();
  large = await loadLargeContent(tempDir('cost-plugin-'), { levels: 20, competencies: 6, items: 100 });
});
afterAll(async () => {
  await server.stop();
  removeTempDirs();
});

async function send(framework: Framework, query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation({ query, variables }, { contextValue: { framework } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { errors } = response.body.singleResult;
  return {
    status: response.http.status ?? 200,
    codes: (errors ?? []).map((e) => e.extensions?.code),
    errors,
  };
}

describe('costPlugin through Apollo', () => {
  it('refuses fan-out with QUERY_TOO_COMPLEX and HTTP 400, on small and large content', async () => {
    for (const framework of [bundled, large]) {
      const { status, codes } = await send(framework, HOSTILE[0]![1]);
      expect(status).toBe(400);
      expect(codes).toEqual(['QUERY_TOO_COMPLEX']);
    }
  });

  it('answers the explorer on content far larger than the fixed limit allows', async () => {
    const level = large.track(LARGE_TRACK)!.levels;
    const diff = await send(large, DIFF, { from: level[18]!.id, to: level[19]!.id });
    expect(diff.codes).toEqual([]);
    const matrix = await send(large, MATRIX, { track: LARGE_TRACK });
    expect(matrix.codes).toEqual([]);
  });

  it('leaves a search limit over its maximum to the argument rule: BAD_USER_INPUT naming limit', async () => {
    const { status, codes, errors } = await send(bundled, '{ search(query: "team", limit: 100000) { id } }');
    expect(status).toBe(400);
    expect(codes).toEqual(['BAD_USER_INPUT']);
    expect(errors![0]!.extensions!.argument).toBe('limit');
  });

  it('leaves variables of the wrong type to Apollo: BAD_USER_INPUT', async () => {
    const query = 'query S($n: Int) { search(query: "team", limit: $n) { id } }';
    const { status, codes } = await send(bundled, query, { n: 'ten' });
    expect(status).toBe(400);
    expect(codes).toEqual(['BAD_USER_INPUT']);
  });
});
