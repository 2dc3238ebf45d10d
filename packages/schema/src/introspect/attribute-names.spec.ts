import { describe, expect, it } from 'vitest';
import { IntrospectionError } from '../errors.js';
import { AttributeNames, attributeNumbers } from './attribute-names.js';

describe('attributeNumbers', () => {
  it('reads an int2[] array, an int2vector and NULL', () => {
    expect(attributeNumbers('{3,1,-6}')).toEqual([3, 1, -6]);
    expect(attributeNumbers('2 0 1')).toEqual([2, 0, 1]);
    expect(attributeNumbers('{}')).toEqual([]);
    expect(attributeNumbers('')).toEqual([]);
    expect(attributeNumbers(null)).toEqual([]);
  });
});

describe('AttributeNames', () => {
  const names = new AttributeNames([
    { relation: '10', attnum: 1, name: 'id' },
    { relation: '10', attnum: 3, name: 'code' },
    { relation: '11', attnum: 1, name: 'other' },
  ]);

  it('names a column by its relation and number, and the system columns of any relation', () => {
    expect(names.name('10', 3, 'constraint k')).toBe('code');
    expect(names.name('11', 1, 'constraint k')).toBe('other');
    expect(names.name('11', -6, 'constraint k')).toBe('tableoid');
  });

  it('says which key names a column that was not read', () => {
    expect(() => names.name('10', 2, 'index i')).toThrow(IntrospectionError);
    expect(() => names.name('10', 2, 'index i')).toThrow('index i names column 2 of relation 10, which introspection did not read. This is a bug in rr');
    expect(() => names.name('12', 1, 'constraint k')).toThrow('constraint k names column 1 of relation 12');
  });
});
