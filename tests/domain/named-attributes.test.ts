import { NAMED_ATTRIBUTES } from '../../src/domain/named-attributes';
import { camelCase } from '../../src/domain/text/keys';

describe('NAMED_ATTRIBUTES', () => {
  it('keys each attribute by the camelCase of its label, as the loader keys every attribute', () => {
    for (const { key, label } of NAMED_ATTRIBUTES) expect(camelCase(label)).toBe(key);
  });
});
