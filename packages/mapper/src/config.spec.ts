import { describe, expect, it } from 'vitest';
import { MapperConfigError, resolveMapperConfig, type MapperConfigInput } from './config.js';

function errorOf(input: unknown): MapperConfigError {
  try {
    resolveMapperConfig(input as MapperConfigInput);
  } catch (error) {
    if (error instanceof MapperConfigError) return error;
    throw error;
  }
  throw new Error('expected a MapperConfigError');
}

describe('resolveMapperConfig', () => {
  it('fills every default', () => {
    const config = resolveMapperConfig();
    expect(config.include).toEqual(['*.*']);
    expect(config.exclude).toEqual([]);
    expect(config.frameworkTables).toEqual(['schema_migrations', 'ar_internal_metadata']);
    expect(config.includeFrameworkTables).toBe(false);
    expect(config.relationships).toEqual({ sources: 'both', manyToMany: true, inverses: true, polymorphic: {}, names: {} });
    expect(config.timestamps).toEqual({ createdAt: ['created_at'], updatedAt: ['updated_at'] });
    expect(config.softDelete).toEqual({ discard: ['discarded_at'], paranoia: ['deleted_at'] });
    expect(config.insertDefaults).toBe('optional');
    expect(config.names.keepDatabaseNames).toBe(false);
    expect(config.names.unprefixedSchemas).toEqual(['public']);
    expect(config.typeTag).toEqual({ enabled: true, tag: '@type', importFrom: null });
    expect(config.json.tsType).toBe('ReadonlyJSONValue');
    expect(config.checkUnions).toBe(true);
  });

  it('normalises keys that leave out the public schema', () => {
    const config = resolveMapperConfig({
      columns: { 'users.settings': { tsType: 'Settings', import: './settings.js' } },
      tables: { people: { model: 'Human' } },
      relationships: { polymorphic: { 'fees.invoiceable': ['Invoice', 'public.subscriptions'] } },
    });
    expect(config.columns['public.users.settings']).toEqual({
      zero: null,
      tsType: 'Settings',
      import: { name: 'Settings', from: './settings.js' },
      name: null,
      omit: false,
    });
    expect(config.tables['public.people']).toEqual({ name: null, model: 'Human' });
    expect(config.relationships.polymorphic['public.fees.invoiceable']).toEqual([
      { model: 'Invoice', table: null, typeValue: null },
      { model: null, table: 'public.subscriptions', typeValue: null },
    ]);
  });

  it.each([
    [{ relationships: { sources: 'fks' } }, 'relationships.sources'],
    [{ relationship: {} }, 'relationship'],
    [{ include: 'public.*' }, 'include'],
    [{ include: [''] }, 'include[0]'],
    [{ insertDefaults: 'sometimes' }, 'insertDefaults'],
    [{ columns: { 'a.b.c.d': {} } }, 'columns["a.b.c.d"]'],
    [{ columns: { 'public.t.c': { zero: 'enumeration' } } }, 'columns["public.t.c"].tsType'],
    [{ columns: { 'public.t.c': { zero: 'number', tsType: 'Cents' } } }, 'columns["public.t.c"].tsType'],
    [{ columns: { 'public.t.c': { zero: 'text' } } }, 'columns["public.t.c"].zero'],
    [{ columns: { 'public.t.c': { name: '2fast' } } }, 'columns["public.t.c"].name'],
    [{ columns: { 'public.t.c': { tsType: 'Record<string, number>', import: './x.js' } } }, 'columns["public.t.c"].import'],
    [{ types: { citext: {} } }, 'types.citext.zero'],
    [{ relationships: { names: { 'public.posts.author': 'has space' } } }, 'relationships.names["public.posts.author"]'],
    [{ relationships: { polymorphic: { 'public.fees.invoiceable': [{}] } } }, 'relationships.polymorphic["public.fees.invoiceable"][0]'],
    [{ diagnostics: { RR_NOPE: 'off' } }, 'diagnostics.RR_NOPE'],
    [{ diagnostics: { RR_PRECISION_LOSS: 'loud' } }, 'diagnostics.RR_PRECISION_LOSS'],
    [{ names: { schemaPrefixes: { audit: 'a-b' } } }, 'names.schemaPrefixes.audit'],
    [{ names: { inflections: { irregular: { Person: 'people' } } } }, 'names.inflections.irregular.Person'],
    [{ json: { import: './json.js' } }, 'json.import'],
    [{ typeTag: { tag: '@ type' } }, 'typeTag.tag'],
  ])('rejects %j naming the key %s', (input, key) => {
    const error = errorOf(input);
    expect(error.key).toBe(key);
    expect(error.message).toContain(key);
    expect(error.name).toBe('MapperConfigError');
  });

  it('accepts diagnostics severities and off', () => {
    expect(resolveMapperConfig({ diagnostics: { RR_PRECISION_LOSS: 'off', RR_VIEW_SKIPPED: 'warning' } }).diagnostics).toEqual({
      RR_PRECISION_LOSS: 'off',
      RR_VIEW_SKIPPED: 'warning',
    });
  });

  it('gives a resolved configuration back unchanged', () => {
    const resolved = resolveMapperConfig({
      include: ['public.*'],
      columns: { 'users.settings': { tsType: 'Settings', import: './settings.js' }, 'users.bio': { zero: 'string', name: 'about' } },
      types: { citext: { zero: 'string' } },
      tables: { people: { model: 'Human' } },
      json: { tsType: 'Json', import: { from: './json.js' } },
      relationships: { polymorphic: { 'fees.invoiceable': ['Invoice', { table: 'public.wallets', typeValue: 'W' }] }, names: { 'posts.author': 'writer' } },
      diagnostics: { RR_PRECISION_LOSS: 'off' },
    });
    expect(resolveMapperConfig(resolved)).toEqual(resolved);
  });

  it('is deterministic: record keys come out sorted', () => {
    const config = resolveMapperConfig({ columns: { 'public.b.x': { omit: true }, 'public.a.x': { omit: true } } });
    expect(Object.keys(config.columns)).toEqual(['public.a.x', 'public.b.x']);
  });
});
