import {
  getNullableType,
  getVariableValues,
  isListType,
  TypeInfo,
  ValidationContext,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import {
  createComplexityRule,
  fieldExtensionsEstimator,
  type ComplexityEstimator,
  type ComplexityEstimatorArgs,
} from 'graphql-query-complexity';
import type { CostContext } from './declare';
import { introspectionSizes } from './introspection';
import { LoadCount } from './version-loads';

/** What one operation could cost, for one content. */
export interface OperationCost {
  /** The fields its answer could have, by root field, its aliases added up. */
  readonly byRoot: ReadonlyMap<string, number>;
  /** The versions it could read from git (version-loads.ts). */
  readonly versionLoads: number;
  /** The field that reads the most of them. */
  readonly heaviestLoader: string;
}

/** A document's selections expanded past this many are refused, whatever they cost: fragments that spread each other can multiply a short document. */
export const MAX_QUERY_NODES = 10_000;

const NOTHING: OperationCost = { byRoot: new Map(), versionLoads: 0, heaviestLoader: '' };

interface Walk extends CostContext {
  readonly byRoot: Map<string, number>;
  readonly schema: GraphQLSchema;
}

const declared = fieldExtensionsEstimator();

/**
 * A field's cost: as its declaration says (declare.ts), else one value and what is inside it. A list
 * nothing declares is as long as the longest list there is (an introspection list: the schema's
 * own longest of that kind; `_entities`: its representations), so a list added without a
 * declaration is never undercounted.
 */
const fieldCost: ComplexityEstimator = (args: ComplexityEstimatorArgs) => {
  const walk = args.context as Walk;
  let cost = declared(args);
  if (typeof cost !== 'number') {
    const representations: unknown = args.args.representations;
    const n = !isListType(getNullableType(args.field.type))
      ? 1
      : // a Federation gateway's _entities answers one entity per representation it sends
        Array.isArray(representations)
        ? representations.length
        : (introspectionSizes(walk.schema).get(`${args.type.name}.${args.field.name}`) ?? walk.largest);
    cost = n * (1 + args.childComplexity);
  }
  if (args.type === walk.schema.getQueryType())
    walk.byRoot.set(args.field.name, (walk.byRoot.get(args.field.name) ?? 0) + cost);
  return cost;
};

/**
 * The library's own walk, as getComplexity runs it but without throwing its errors: a field whose
 * arguments cannot be read is left out, as it fails when it runs and costs nothing more, and the
 * rest is still counted (getComplexity would throw, and the rest would go unmeasured).
 */
function walkWith(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  estimator: ComplexityEstimator,
  context: object,
): number {
  const typeInfo = new TypeInfo(schema);
  const validation = new ValidationContext(schema, document, typeInfo, () => undefined);
  let complexity = 0;
  const visitor = createComplexityRule({
    maximumComplexity: Infinity,
    estimators: [estimator],
    variables,
    operationName,
    context: context as Record<string, unknown>,
    maxQueryNodes: MAX_QUERY_NODES,
    onComplete: (total) => (complexity = total),
  })(validation);
  visit(document, visitWithTypeInfo(typeInfo, visitor));
  return complexity;
}

const memo = new WeakMap<DocumentNode, WeakMap<CostContext, Map<string, OperationCost>>>();
/** Variables longer than this are measured every time instead of being remembered. */
const MEMO_KEY_LENGTH = 1024;
const MEMO_ENTRIES = 64;

/**
 * What each variable of a document can change in its cost: `value` where an estimate reads the
 * value itself (a list's `limit`, a directive's `if`), `ref` where only whether it names a version
 * counts (an `id`, a diff's `from` and `to`: version-loads.ts), and nothing elsewhere (a search's
 * text, a level's id once it names no version). So a request that differs only in such a variable,
 * as most unique traffic does, is measured once.
 */
function variableRoles(document: DocumentNode): ReadonlyMap<string, 'value' | 'ref'> {
  let roles = rolesOf.get(document);
  if (roles) return roles;
  const found = new Map<string, 'value' | 'ref'>();
  const mark = (node: ASTNode, role: 'value' | 'ref') =>
    visit(node, {
      Variable: (v) => {
        if (found.get(v.name.value) !== 'value') found.set(v.name.value, role);
      },
    });
  visit(document, {
    VariableDefinition: () => false,
    Argument: (argument) => {
      const name = argument.name.value;
      if (VALUE_ARGUMENTS.has(name)) mark(argument.value, 'value');
      else if (REF_ARGUMENTS.has(name)) mark(argument.value, 'ref');
      return false;
    },
  });
  rolesOf.set(document, (roles = found));
  return roles;
}
const rolesOf = new WeakMap<DocumentNode, ReadonlyMap<string, 'value' | 'ref'>>();
/** The arguments whose values the declarations (declare.ts), directives and _entities' size read. */
const VALUE_ARGUMENTS: ReadonlySet<string> = new Set(['limit', 'if', 'representations']);
/** The arguments version-loads.ts reads, for whether they name a version. */
const REF_ARGUMENTS: ReadonlySet<string> = new Set(['id', 'from', 'to']);

/** The operation and what its variables can change in its cost, as one string; null when too deep to write. */
function memoKey(
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | null | undefined,
): string | null {
  const relevant: unknown[] = [];
  for (const [name, role] of [...variableRoles(document)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = variables?.[name];
    relevant.push(role === 'value' ? (value ?? null) : typeof value === 'string' && value.includes('@'));
  }
  try {
    return `${operationName ?? ''}\n${JSON.stringify(relevant)}`;
  } catch {
    return null;
  }
}

/**
 * What an operation could cost on content of these sizes. Nothing when its variables do not fit
 * their types: Apollo refuses those itself, with its own codes. Throws the library's GraphQLError
 * when the document expands past MAX_QUERY_NODES.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | null | undefined,
  sizes: CostContext,
): OperationCost {
  const operation = document.definitions.find(
    (d) =>
      d.kind === 'OperationDefinition' && (operationName === undefined || d.name?.value === operationName),
  );
  if (!operation || operation.kind !== 'OperationDefinition') return NOTHING;
  const definitions = operation.variableDefinitions ?? [];
  if (getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 1 }).errors) return NOTHING;

  const key = memoKey(document, operationName, variables);
  let byContent = memo.get(document);
  if (!byContent) memo.set(document, (byContent = new WeakMap()));
  let known = byContent.get(sizes);
  if (!known) byContent.set(sizes, (known = new Map()));
  const remembered = key === null ? undefined : known.get(key);
  if (remembered) return remembered;

  const walk: Walk = { ...sizes, schema, byRoot: new Map() };
  walkWith(schema, document, operationName, variables ?? {}, fieldCost, walk);
  const loads = new LoadCount();
  const summed = walkWith(schema, document, operationName, variables ?? {}, loads.estimator, {});
  const cost = { byRoot: walk.byRoot, versionLoads: loads.total(summed), heaviestLoader: loads.heaviest() };
  if (key !== null && key.length <= MEMO_KEY_LENGTH) {
    if (known.size >= MEMO_ENTRIES) known.clear();
    known.set(key, cost);
  }
  return cost;
}
