import {
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { CostContext } from './declare';
import { measureOperation } from './measure';

/** What GraphiQL and client generators send: introspection, with and without its options. */
export const INTROSPECTION: readonly DocumentNode[] = [
  parse(getIntrospectionQuery()),
  parse(
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    }),
  ),
];

/**
 * Variables for measuring a known operation: a required value of each type, and every optional one
 * left out, which the declarations read as the most a list may return (a search's `limit`).
 */
function variablesFor(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (!type || !isNonNullType(type) || definition.defaultValue) continue;
    const named = getNamedType(type);
    const value: unknown = isEnumType(named)
      ? named.getValues()[0]?.value
      : ({ Int: 2_147_483_647, Float: Number.MAX_SAFE_INTEGER, Boolean: true }[named.name] ?? 'x');
    variables[definition.variable.name.value] = value;
  }
  return variables;
}

/**
 * How much more than the shipped operations a client may ask of a root field: a dashboard's own
 * query that asks every field of a diff is a little wider than the explorer's, and two diffs in one
 * request are reasonable. Fan-out through back-references is refused all the same: it asks tens to
 * thousands of times more.
 */
export const HEADROOM = 2;

/**
 * How many fields each root field may answer on this content: HEADROOM times the most that any of
 * the known operations (the explorer's, examples/' and introspection) asks of it, its aliases added
 * up. Measured again on every load, so the limit follows the content: the shipped operations are
 * never refused however large the framework, and a query that reads a root field many times over
 * what they do is.
 */
export function rootBudgets(
  schema: GraphQLSchema,
  sizes: CostContext,
  documents: readonly DocumentNode[],
): ReadonlyMap<string, number> {
  const budgets = new Map<string, number>();
  for (const document of documents)
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = definition.name?.value;
      const cost = measureOperation(schema, document, name, variablesFor(schema, definition), sizes);
      for (const [field, fields] of cost.byRoot)
        budgets.set(field, Math.max(budgets.get(field) ?? 0, HEADROOM * fields));
    }
  return budgets;
}
