import { buildSubgraphSchema, printSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { GraphQLContext } from './context';
import { buildFrameworkSchema } from './schema';

// Federation 2: the directives this subgraph uses, imported from the spec by @link.
const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])`;

// @apollo/subgraph marks each entity it returns with __typename, which a frozen domain object
// refuses: hand it a shallow copy (the domain finds neighbours by id, so a copy is as good)
const copy = <T extends object>(entity: T | null): T | null => (entity ? { ...entity } : null);

/** How a gateway turns `{ __typename, id }` into an entity: one lookup in the request's content. */
const REFERENCE_RESOLVERS: GraphQLResolverMap<GraphQLContext> = {
  Track: {
    __resolveReference: (ref: { id: string }, ctx: GraphQLContext) => copy(ctx.framework.track(ref.id)),
  },
  Level: {
    __resolveReference: (ref: { id: string }, ctx: GraphQLContext) => copy(ctx.framework.level(ref.id)),
  },
  Competency: {
    __resolveReference: (ref: { id: string }, ctx: GraphQLContext) => copy(ctx.framework.competency(ref.id)),
  },
};

let built: GraphQLSchema | undefined;

/**
 * The same schema as a Federation 2 subgraph (FEDERATION=true): Track, Level and Competency are
 * entities keyed by id, and Query gains `_service` and `_entities` for the gateway. It is built the
 * way type-graphql's federation example does: the type-graphql schema printed with its directives,
 * handed to @apollo/subgraph with type-graphql's own resolvers plus the reference resolvers.
 */
export function buildSubgraphFrameworkSchema(): GraphQLSchema {
  if (built) return built;
  const schema = buildFrameworkSchema();
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<GraphQLContext>;
  for (const [type, reference] of Object.entries(REFERENCE_RESOLVERS))
    resolvers[type] = { ...(resolvers[type] as object), ...(reference as object) };
  built = buildSubgraphSchema([
    { typeDefs: parse(`${LINK}\n\n${printSchemaWithDirectives(schema)}`), resolvers },
  ]);
  return built;
}

const HEADER =
  '# Generated from src/graphql by `npm run schema:emit`. Do not edit: change the code and re-emit.\n' +
  '# The Federation 2 subgraph schema, served with FEDERATION=true; register it with your gateway.\n\n';

/** The SDL committed as schema.subgraph.graphql: what a supergraph composes. */
export function printSubgraphFrameworkSchema(): string {
  return HEADER + printSubgraphSchema(buildSubgraphFrameworkSchema()).trimEnd() + '\n';
}
