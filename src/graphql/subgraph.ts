import {
  buildSubgraphSchema,
  entitiesResolver,
  printSubgraphSchema,
  type GraphQLResolverMap,
} from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLError, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { GraphQLContext } from './context';
import { buildFrameworkSchema } from './schema';
import { ErrorCode } from './validate-args';

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

const ENTITY_TYPES = Object.keys(REFERENCE_RESOLVERS).sort();
// a representation's __typename is echoed in the message: a hostile one must not make it huge
const ECHOED_CHARS = 64;

/** What is wrong with one representation, or null when it names an entity type and a string id. */
function representationProblem(representation: unknown): string | null {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation))
    return 'is not an object with __typename and id';
  const { __typename: typename, id } = representation as Record<string, unknown>;
  if (typeof typename !== 'string') return 'has no __typename string';
  if (!ENTITY_TYPES.includes(typename)) {
    const echoed = JSON.stringify(typename.slice(0, ECHOED_CHARS));
    return `has the unknown __typename ${echoed}: this subgraph's entities are ${ENTITY_TYPES.join(', ')}`;
  }
  if (typeof id !== 'string') return `(${typename}) has no string id`;
  return null;
}

/**
 * `_entities` as @apollo/subgraph resolves it, after checking each representation: a malformed one
 * is the caller's mistake, so its place in the list gets a BAD_USER_INPUT error and the others
 * still resolve (an unknown id stays null, as the Federation spec has it). No `http.status` on the
 * error, unlike argument errors: the answer still carries data (the other entities), which GraphQL
 * over HTTP answers 200, and a gateway must not take it for a failed fetch of them all.
 */
const resolveEntities: GraphQLFieldResolver<unknown, GraphQLContext, { representations: unknown[] }> = (
  _source,
  { representations },
  context,
  info,
) => {
  const problems = representations.map(representationProblem);
  const wellFormed = representations.filter((_, i) => problems[i] === null);
  const resolved = entitiesResolver({ representations: wellFormed, context, info }) as unknown[];
  let next = 0;
  return problems.map((problem, i) =>
    problem === null
      ? resolved[next++]
      : new GraphQLError(`representations[${i}] ${problem}`, {
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        }),
  );
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
  // the modules' resolvers are added after @apollo/subgraph's own, so this one answers _entities
  resolvers.Query = { ...(resolvers.Query as object), _entities: resolveEntities };
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
