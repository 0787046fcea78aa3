import { getNamedType, isInputObjectType, isNullableType, isObjectType } from 'graphql';
import { NAMED_ATTRIBUTES } from '../../src/domain/named-attributes';
import { buildFrameworkSchema } from '../../src/graphql/schema';

describe('named attributes', () => {
  const schema = buildFrameworkSchema();
  const level = schema.getType('Level');
  const filter = schema.getType('LevelFilter');

  it.each(NAMED_ATTRIBUTES.map((a) => [a.key, a.label]))(
    '%s has a field on Level and a condition on LevelFilter',
    (key, label) => {
      if (!isObjectType(level) || !isInputObjectType(filter))
        throw new Error('Level or LevelFilter is missing');
      const field = level.getFields()[key];
      expect(field && isNullableType(field.type) && getNamedType(field.type).name).toBe('String');
      expect(field?.description).toBe(`The '${label}' attribute.`);
      const condition = filter.getFields()[key];
      expect(condition && getNamedType(condition.type).name).toBe('StringFilter');
      expect(condition?.description).toBe(`On the '${label}' attribute.`);
    },
  );
});
