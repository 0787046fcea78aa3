import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  isSpecifiedScalarType,
} from 'graphql';
import { buildFrameworkSchema, printFrameworkSchema } from '../../src/graphql/schema';
import { printSubgraphFrameworkSchema } from '../../src/graphql/subgraph';

const root = path.join(__dirname, '..', '..');

describe('schema.graphql', () => {
  it('is what the code emits (run `npm run schema:emit` and commit when this fails)', () => {
    expect(readFileSync(path.join(root, 'schema.graphql'), 'utf8')).toBe(printFrameworkSchema());
  });

  it('has its Federation 2 subgraph twin in schema.subgraph.graphql (re-emit when this fails)', () => {
    expect(readFileSync(path.join(root, 'schema.subgraph.graphql'), 'utf8')).toBe(
      printSubgraphFrameworkSchema(),
    );
  });

  it('contains the whole contract: nothing renamed, removed or changed in nullability', () => {
    const contract = buildSchema(readFileSync(path.join(__dirname, 'fixtures', 'contract.graphql'), 'utf8'));
    const breaking = findBreakingChanges(contract, buildFrameworkSchema());
    expect(breaking).toEqual([]);
  });

  it('contains the history contract too (versions, version, changes, Framework.commit)', () => {
    const read = (file: string) => readFileSync(path.join(__dirname, 'fixtures', file), 'utf8');
    const contract = buildSchema(`${read('contract.graphql')}\n${read('contract-history.graphql')}`);
    expect(contract.getQueryType()?.getFields().versions).toBeDefined();
    const breaking = findBreakingChanges(contract, buildFrameworkSchema());
    expect(breaking).toEqual([]);
  });

  it('contains the readers contract too (Track.progression, Level.expected)', () => {
    const read = (file: string) => readFileSync(path.join(__dirname, 'fixtures', file), 'utf8');
    const contract = buildSchema(`${read('contract.graphql')}\n${read('contract-readers.graphql')}`);
    expect(contract.getType('ExpectedItem')).toBeDefined();
    const breaking = findBreakingChanges(contract, buildFrameworkSchema());
    expect(breaking).toEqual([]);
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(buildFrameworkSchema().getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
