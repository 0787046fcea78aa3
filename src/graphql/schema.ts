import 'reflect-metadata';
import { DateTimeResolver } from 'graphql-scalars';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { CompetencyResolver, ExampleResolver, ExpectationResolver } from './competency.resolver';
import { ChecklistResolver } from './checklist.resolver';
import { DiffResolver } from './diff.resolver';
import { FrameworkResolver } from './framework.resolver';
import { LevelResolver } from './level.resolver';
import { SearchResolver } from './search.resolver';
import { TrackResolver } from './track.resolver';
import { validateArgs } from './validate-args';
import { VersionResolver } from './version.resolver';

let built: GraphQLSchema | undefined;

/**
 * The executable schema; built once per process because type-graphql's metadata is global.
 * Every object type says `simpleResolvers: true`: its plain fields are properties of domain objects,
 * so they get no per-field wrapper and an executor (graphql-jit) can read them directly.
 */
export function buildFrameworkSchema(): GraphQLSchema {
  if (built) return built;
  const resolvers = [
    FrameworkResolver,
    TrackResolver,
    LevelResolver,
    CompetencyResolver,
    ExpectationResolver,
    ExampleResolver,
    DiffResolver,
    ChecklistResolver,
    SearchResolver,
    VersionResolver,
  ] as const;
  built = buildSchemaSync({
    resolvers,
    // the contract names the scalar DateTime; graphql-scalars' resolver carries exactly that name
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: true,
    validateFn: validateArgs,
    emitSchemaFile: false,
  });
  // type-graphql has no decorator for the root type's description
  built.getQueryType()!.description =
    'Look up, filter, diff and search the career framework. Every answer comes from one content version.';
  return built;
}

const HEADER =
  '# Generated from src/graphql by `npm run schema:emit`. Do not edit: change the code and re-emit.\n\n';

/** The SDL committed as schema.graphql: sorted, so diffs of it stay readable. */
export function printFrameworkSchema(schema: GraphQLSchema = buildFrameworkSchema()): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
