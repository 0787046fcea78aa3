import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type NamedTypeNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Framework } from '../../domain/framework';
import { EDGES, INTROSPECTION_EDGES, type Edge } from './edges';

/** One field of the operation, with everything about it that depends only on the schema. */
export interface FieldStep {
  readonly kind: 'field';
  readonly node: FieldNode;
  /** Null for __typename: one value per object, nothing below. */
  readonly def: GraphQLField<unknown, unknown> | null;
  /** `Type.field`, the key of EDGES and of the content's list sizes. */
  readonly key: string;
  readonly list: boolean;
  /** A field of Query: its arguments name what is below it. */
  readonly root: boolean;
  /** A field of an introspection type: sized from the schema. */
  readonly introspection: boolean;
  readonly edge: Edge | undefined;
  /** The selections below, when the field returns objects. */
  readonly below: Steps | null;
}

/** A fragment, named or inline; `shared` when it is a named fragment, which can be spread many times. */
export interface SpreadStep {
  readonly kind: 'spread';
  readonly node: SelectionNode;
  readonly body: Steps;
  readonly shared: boolean;
}

export type Step = FieldStep | SpreadStep;

/** A selection set, compiled. */
export interface Steps {
  readonly steps: readonly Step[];
}

/** An operation compiled for the estimate, with the estimates that no variable can change. */
export interface Plan {
  readonly operation: OperationDefinitionNode;
  readonly steps: Steps;
  /** Estimates by content, for operations without variables: nothing else can change them. */
  readonly costs: WeakMap<Framework, OperationEstimate> | null;
}

/** What answering an operation could take: fields in the answer, and versions read from git. */
export interface OperationEstimate {
  readonly cost: number;
  readonly versionLoads: number;
  /** The field that reads the most versions ('' when none does), to name in a refusal. */
  readonly heaviestLoader: string;
}

/**
 * Compiles selection sets once per document, fragments once each however often they are spread,
 * so the work is linear in the document's size.
 */
class Compiler {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly bodies = new Map<string, Steps>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
  ) {
    for (const d of document.definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  compile(set: SelectionSetNode, type: GraphQLObjectType): Steps {
    const steps: Step[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const step = this.field(selection, type);
        if (step) steps.push(step);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const body = this.compile(selection.selectionSet, this.typeOf(selection.typeCondition, type));
        steps.push({ kind: 'spread', node: selection, body, shared: false });
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (!fragment) continue; // validation refuses unknown fragments
        const on = this.typeOf(fragment.typeCondition, type);
        const key = `${fragment.name.value} ${on.name}`;
        let body = this.bodies.get(key);
        // validation refuses fragment cycles; the placeholder keeps a bug from recursing forever
        if (!body) {
          this.bodies.set(key, { steps: [] });
          body = this.compile(fragment.selectionSet, on);
          this.bodies.set(key, body);
        }
        steps.push({ kind: 'spread', node: selection, body, shared: true });
      }
    }
    return { steps };
  }

  private field(node: FieldNode, type: GraphQLObjectType): FieldStep | null {
    const name = node.name.value;
    const root = type === this.schema.getQueryType();
    const def =
      name === '__typename'
        ? null
        : root && name === '__schema'
          ? SchemaMetaFieldDef
          : root && name === '__type'
            ? TypeMetaFieldDef
            : type.getFields()[name];
    if (def === undefined) return null; // validation refuses unknown fields
    const key = `${type.name}.${name}`;
    const named = def && getNamedType(def.type);
    const introspection = type.name.startsWith('__');
    return {
      kind: 'field',
      node,
      def,
      key,
      list: def !== null && isListType(getNullableType(def.type)),
      root,
      introspection,
      edge: introspection ? INTROSPECTION_EDGES[key] : EDGES[key],
      below:
        node.selectionSet && named && isObjectType(named) ? this.compile(node.selectionSet, named) : null,
    };
  }

  private typeOf(condition: NamedTypeNode | undefined, fallback: GraphQLObjectType): GraphQLObjectType {
    const type = condition && this.schema.getType(condition.name.value);
    return type && isObjectType(type) ? type : fallback;
  }
}

// Apollo's document store hands back the same DocumentNode for the same query text. Plans depend on
// the schema too, so each schema has its own table.
const plans = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Plan | null>>>();

/** The plan of one operation of a document, compiled on first use; null when there is no such query. */
export function planOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): Plan | null {
  let byDocument = plans.get(schema);
  if (!byDocument) plans.set(schema, (byDocument = new WeakMap()));
  let byName = byDocument.get(document);
  if (!byName) byDocument.set(document, (byName = new Map()));
  const name = operationName ?? '';
  let plan = byName.get(name);
  if (plan !== undefined) return plan;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  const query = schema.getQueryType();
  plan =
    operation && query && operation.operation === 'query'
      ? {
          operation,
          steps: new Compiler(schema, document).compile(operation.selectionSet, query),
          costs: operation.variableDefinitions?.length ? null : new WeakMap(),
        }
      : null;
  byName.set(name, plan);
  return plan;
}
