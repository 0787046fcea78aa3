import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { UpTarget } from './scopes';
import type { Sizes } from './sizes';

/**
 * How a field's objects relate to its parent's; this decides how the field is sized.
 * - `own`: the parent owns them (a level's competencies, a competency's expectations, a diff's
 *   changes). Each has one owner, so distinct parents lead to distinct children, and a list reached
 *   only through owned fields from a duplicate-free set holds at most every such object of the scope
 *   once: reading the whole framework costs what the framework holds, not count × max × max.
 *   `population` names the list whose total bounds the non-null elements (a matrix's cells).
 * - `up`: a back-reference or a neighbour (a level's track, an item's level). Many parents can reach
 *   the same object, so from here on the answer may repeat objects and sizes multiply.
 */
export type Edge =
  { readonly kind: 'own'; readonly population?: string } | { readonly kind: 'up'; readonly to: UpTarget };

const own: Edge = { kind: 'own' };
const up = (to: UpTarget): Edge => ({ kind: 'up', to });

/** Every object field outside Query, by `Type.field`; a test fails when the schema has one not listed. */
export const EDGES: Readonly<Record<string, Edge>> = {
  'Framework.tracks': own,
  'Track.levels': own,
  'Track.level': own,
  'Track.competencyMatrix': own,
  'CompetencyMatrix.levels': own,
  'CompetencyMatrix.rows': own,
  'CompetencyRow.cells': { kind: 'own', population: 'Level.competencies' },
  'Level.attributes': own,
  'Level.competencies': own,
  'Level.competency': own,
  'Level.source': own,
  'Level.track': up('track'),
  'Level.previous': up('track'),
  'Level.next': up('track'),
  'Competency.expectations': own,
  'Competency.examples': own,
  'Competency.source': own,
  'Competency.level': up('level'),
  'Expectation.source': own,
  'Expectation.level': up('level'),
  'Expectation.competency': up('competency'),
  'Example.source': own,
  'Example.level': up('level'),
  'Example.competency': up('competency'),
  'AttributeDefinition.values': own,
  'LevelDiff.attributes': own,
  'LevelDiff.competencies': own,
  'LevelDiff.summary': own,
  'LevelDiff.from': up('from'),
  'LevelDiff.to': up('to'),
  'CompetencyDiff.expectations': own,
  'CompetencyDiff.examples': own,
  'CompetencyDiff.summary': own,
  'TextChange.segments': own,
  'SearchHit.level': up('same'),
  'SearchHit.competency': up('same'),
  // another version's framework is another copy of the content: below it, sizes multiply
  'Framework.commit': own,
  'FrameworkVersion.tags': own,
  'FrameworkVersion.framework': up('same'),
  'FrameworkChanges.since': own,
  'FrameworkChanges.until': own,
  'FrameworkChanges.addedLevels': own,
  'FrameworkChanges.removedLevels': own,
  'FrameworkChanges.changedLevels': own,
  // one per level; its level is another version's copy of the same level
  'Level.lastChange': own,
  'LevelChange.version': own,
  'LevelChange.since': own,
  'LevelChange.from': up('same'),
};

/**
 * Introspection follows the same rule: a type owns its fields, a field its arguments; the type a field
 * has, a type's interfaces and possible types are references, which repeat.
 */
export const INTROSPECTION_EDGES: Readonly<Record<string, Edge>> = {
  '__Schema.types': own,
  '__Schema.directives': own,
  '__Schema.queryType': up('same'),
  '__Schema.mutationType': up('same'),
  '__Schema.subscriptionType': up('same'),
  '__Type.fields': own,
  '__Type.inputFields': own,
  '__Type.enumValues': own,
  '__Type.interfaces': up('same'),
  '__Type.possibleTypes': up('same'),
  '__Type.ofType': up('same'),
  '__Field.args': own,
  '__Field.type': up('same'),
  '__InputValue.type': up('same'),
  '__Directive.args': own,
  '__Directive.locations': own,
};

const introspection = new WeakMap<GraphQLSchema, Sizes>();

/** The list sizes of introspection in this schema: they depend on the schema, not on the content. */
export function introspectionSizes(schema: GraphQLSchema): Sizes {
  let sizes = introspection.get(schema);
  if (sizes) return sizes;
  // every list starts empty: a schema without interfaces has no interfaces to list
  const tally = new Map<string, { total: number; max: number }>(
    Object.keys(INTROSPECTION_EDGES).map((key) => [key, { total: 0, max: 0 }]),
  );
  const add = (key: string, count: number) => {
    const size = tally.get(key) ?? { total: 0, max: 0 };
    tally.set(key, { total: size.total + count, max: Math.max(size.max, count) });
  };
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  add('__Schema.types', types.length);
  add('__Schema.directives', directives.length);
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      const fields = Object.values(type.getFields());
      add('__Type.fields', fields.length);
      add('__Type.interfaces', type.getInterfaces().length);
      for (const field of fields) add('__Field.args', field.args.length);
    }
    if (isInputObjectType(type)) add('__Type.inputFields', Object.keys(type.getFields()).length);
    if (isEnumType(type)) add('__Type.enumValues', type.getValues().length);
    if (isAbstractType(type)) add('__Type.possibleTypes', schema.getPossibleTypes(type).length);
  }
  for (const directive of directives) {
    add('__Directive.args', directive.args.length);
    add('__Directive.locations', directive.locations.length);
  }
  sizes = tally;
  introspection.set(schema, sizes);
  return sizes;
}

/** The fields (outside Query and introspection) that lead to objects or lists: what EDGES must classify. */
export function fieldsToClassify(schema: GraphQLSchema): string[] {
  const query = schema.getQueryType();
  const names: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type === query || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()))
      if (isObjectType(getNamedType(field.type)) || isListType(getNullableType(field.type)))
        names.push(`${type.name}.${field.name}`);
  }
  return names;
}
