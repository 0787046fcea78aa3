import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

const bySchema = new WeakMap<GraphQLSchema, ReadonlyMap<string, number>>();

/**
 * The longest introspection list of each kind in this schema (`__Type.fields` is the most fields
 * any type has), so that what introspection costs is sized from the schema it describes.
 */
export function introspectionSizes(schema: GraphQLSchema): ReadonlyMap<string, number> {
  let sizes = bySchema.get(schema);
  if (sizes) return sizes;
  const types = Object.values(schema.getTypeMap());
  const most = (counts: number[]) => Math.max(0, ...counts);
  const fields = types.flatMap((t) =>
    isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : [],
  );
  const directives = schema.getDirectives();
  sizes = new Map([
    ['__Schema.types', types.length],
    ['__Schema.directives', directives.length],
    [
      '__Type.fields',
      most(types.map((t) => (isObjectType(t) || isInterfaceType(t) ? Object.keys(t.getFields()).length : 0))),
    ],
    [
      '__Type.interfaces',
      most(types.map((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0))),
    ],
    ['__Type.possibleTypes', types.length],
    ['__Type.enumValues', most(types.map((t) => (isEnumType(t) ? t.getValues().length : 0)))],
    [
      '__Type.inputFields',
      most(types.map((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0))),
    ],
    ['__Field.args', most(fields.map((f) => f.args.length))],
    ['__Directive.args', most(directives.map((d) => d.args.length))],
    ['__Directive.locations', most(directives.map((d) => d.locations.length))],
  ]);
  bySchema.set(schema, sizes);
  return sizes;
}
