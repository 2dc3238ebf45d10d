import { describe, expect, it } from 'vitest';
import { typeRef } from '../testing/snapshot-builder.js';
import { TypeResolver } from './resolve-type.js';

const json = { tsType: 'ReadonlyJSONValue', import: { name: 'ReadonlyJSONValue', from: '@rocicorp/zero' } };

function resolver(typeOverrides = {}): TypeResolver {
  return new TypeResolver({ enumKeys: new Set(['public.mood']), typeOverrides, json });
}

describe('TypeResolver', () => {
  it.each([
    ['int2', 'number'], ['int4', 'number'], ['int8', 'number'], ['numeric', 'number'], ['float4', 'number'], ['float8', 'number'],
    ['date', 'number'], ['time', 'number'], ['timetz', 'number'], ['timestamp', 'number'], ['timestamptz', 'number'],
    ['text', 'string'], ['varchar', 'string'], ['bpchar', 'string'], ['uuid', 'string'], ['inet', 'string'], ['cidr', 'string'],
    ['macaddr', 'string'], ['macaddr8', 'string'], ['pg_lsn', 'string'],
    ['bool', 'boolean'], ['json', 'json'], ['jsonb', 'json'],
    ['integer', 'number'], ['character varying', 'string'], ['timestamp with time zone', 'number'],
  ])('maps %s to %s()', (name, builder) => {
    expect(resolver().resolve(typeRef(name))).toMatchObject({ supported: true, builder });
  });

  it('maps isn types wherever the extension lives', () => {
    expect(resolver().resolve(typeRef('base:public.isbn13'))).toMatchObject({ supported: true, builder: 'string' });
  });

  it('maps an enum to enumeration(), by key', () => {
    expect(resolver().resolve(typeRef('enum:mood'))).toMatchObject({ supported: true, builder: 'enumeration', enumKey: 'public.mood' });
  });

  it.each([
    ['bytea', 'binary'], ['interval', 'interval'], ['money', 'money'], ['point', 'geometric'], ['tsvector', 'full-text'],
    ['xml', 'xml'], ['bit', 'bit'], ['oid', 'object identifiers'], ['name', 'name'],
    ['base:public.citext', 'citext'], ['base:public.hstore', 'hstore'], ['base:public.geometry', 'PostGIS'],
    ['domain:public.year', 'domain'], ['composite:public.address', 'composite'], ['range:public.int4range', 'range'],
    ['enum:public.unknown_enum', 'not in the snapshot'],
  ])('does not sync %s', (spec, reason) => {
    const family = resolver().resolve(typeRef(spec));
    expect(family.supported).toBe(false);
    expect(family.supported ? '' : family.reason).toContain(reason);
  });

  it('applies a type override, by qualified or bare name', () => {
    const overrides = {
      'public.citext': { zero: 'string' as const, tsType: null, import: null },
      hstore: { zero: 'json' as const, tsType: 'Record<string, string | null>', import: null },
    };
    expect(resolver(overrides).resolve(typeRef('base:public.citext'))).toMatchObject({ supported: true, builder: 'string', source: 'type-override' });
    expect(resolver(overrides).resolve(typeRef('base:extensions.hstore'))).toMatchObject({
      supported: true,
      builder: 'json',
      tsType: 'Record<string, string | null>',
      explicitTypeArgument: true,
    });
  });

  it('memoises per type and counts hits and misses', () => {
    const types = resolver();
    types.resolve(typeRef('int4'));
    types.resolve(typeRef('int4'));
    types.resolve(typeRef('int4[]'));
    types.resolve(typeRef('text'));
    expect(types.stats).toEqual({ hits: 2, misses: 2 });
  });
});
