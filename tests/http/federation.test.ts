import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { startTestServer, type TestServer } from '../support/server';

// A company's supergraph: an HR subgraph that knows each employee's level by id, and this server
// as the framework subgraph. A real gateway (Apollo Gateway, in-process) plans the query across
// both over loopback HTTP.

const root = path.join(__dirname, '..', '..');

const PEOPLE = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { employee(id: ID!): Employee }
  type Employee @key(fields: "id") { id: ID! name: String! level: Level }
  type Level @key(fields: "id", resolvable: false) { id: ID! }
`);
const EMPLOYEES: Record<string, { id: string; name: string; levelId: string }> = {
  e1: { id: 'e1', name: 'Ada', levelId: 'site-reliability-engineer/L3' },
  e2: { id: 'e2', name: 'Grace', levelId: 'software-engineer/L2' },
};

let framework: TestServer;
let people: { url: string; stop(): Promise<void> };
let gateway: ApolloServer;
beforeAll(async () => {
  framework = await startTestServer({ FEDERATION: 'true' });
  const peopleServer = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema([
      {
        typeDefs: PEOPLE,
        resolvers: {
          Query: { employee: (_: unknown, { id }: { id: string }) => EMPLOYEES[id] ?? null },
          Employee: { level: (e: { levelId: string }) => ({ __typename: 'Level', id: e.levelId }) },
        },
      },
    ]),
  });
  const { url } = await startStandaloneServer(peopleServer, { listen: { port: 0, host: '127.0.0.1' } });
  people = { url, stop: () => peopleServer.stop() };

  const composed = composeServices([
    {
      name: 'framework',
      url: framework.url,
      typeDefs: parse(readFileSync(path.join(root, 'schema.subgraph.graphql'), 'utf8')),
    },
    { name: 'people', url: people.url, typeDefs: PEOPLE },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
  await gateway.start();
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
  await people?.stop();
  await framework?.close();
});

describe('the framework as a Federation 2 subgraph', () => {
  it('composes with another subgraph and answers an employee with their level through a gateway', async () => {
    const response = await gateway.executeOperation({
      query: `query Who($id: ID!) { employee(id: $id) { name level { id title status competencies { name } } } }`,
      variables: { id: 'e1' },
    });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult as {
      data?: {
        employee: {
          name: string;
          level: { id: string; title: string; status: string; competencies: { name: string }[] };
        };
      };
      errors?: unknown;
    };
    expect(errors).toBeUndefined();
    expect(data?.employee.name).toBe('Ada');
    expect(data?.employee.level.id).toBe('site-reliability-engineer/L3');
    expect(data?.employee.level.title.length).toBeGreaterThan(0);
    expect(data?.employee.level.status).toBe('PUBLISHED');
    expect(data?.employee.level.competencies.length).toBeGreaterThan(0);
  });

  it('serves _service { sdl } and resolves entities by id', async () => {
    const sdl = await fetch(framework.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    }).then((r) => r.json() as Promise<any>);
    expect(sdl.data._service.sdl).toContain('@key(fields: "id")');
    const entities = await fetch(framework.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Track { name } ... on Competency { name } } }',
        variables: {
          r: [
            { __typename: 'Track', id: 'software-engineer' },
            { __typename: 'Competency', id: 'software-engineer/L2/domain-expertise' },
          ],
        },
      }),
    }).then((r) => r.json() as Promise<any>);
    expect(entities.errors).toBeUndefined();
    expect(entities.data._entities).toHaveLength(2);
    expect(entities.data._entities[0].name).toBe('Software Engineer');
  });
});
