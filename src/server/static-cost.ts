import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { ListSizes } from './cost';
import { listSizeOf } from './cost';

/**
 * An upper bound of estimateFields for every possible variables: directives count as included and a
 * list size that comes from a variable takes its largest allowed value. It needs no variables, so the
 * compiled path computes it once per document (and content version) instead of once per request;
 * a document whose bound is over the limit goes through Apollo, which checks the real variables.
 */
export function staticFieldBound(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
  sizes: ListSizes,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find(
    (d) =>
      d.kind === Kind.OPERATION_DEFINITION && (operationName === null || d.name?.value === operationName),
  );
  const root = schema.getQueryType();
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || !root) return Infinity;

  const count = (
    type: GraphQLObjectType,
    selections: SelectionSetNode,
    seen: ReadonlySet<string>,
  ): number => {
    let total = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // validation has refused cycles already; a guard keeps a bug from looping
        if (!fragment || seen.has(fragment.name.value)) return Infinity;
        total += count(type, fragment.selectionSet, new Set([...seen, fragment.name.value]));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(type, selection.selectionSet, seen);
      } else {
        const field = type.getFields()[selection.name.value];
        if (!field) continue; // __typename and other meta fields
        const inner = getNamedType(field.type);
        const own =
          1 +
          (selection.selectionSet && isObjectType(inner) ? count(inner, selection.selectionSet, seen) : 0);
        if (!isListType(getNullableType(field.type))) {
          total += own;
          continue;
        }
        const literal: Record<string, unknown> = {};
        for (const arg of selection.arguments ?? [])
          if (arg.value.kind === Kind.INT) literal[arg.name.value] = Number(arg.value.value);
        total += own * listSizeOf(sizes, type.name, field, literal);
      }
    }
    return total;
  };
  return count(root, operation.selectionSet, new Set());
}
