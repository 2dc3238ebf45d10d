import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { diagnosticsWith, model } from '../testing/lookup.js';
import { col, snapshot, table } from '../testing/snapshot-builder.js';

describe('primary keys', () => {
  const set = mapSchema(
    snapshot({
      tables: [
        table('plain', [col('id', 'uuid')]),
        table('composite', [col('a', 'int4'), col('b', 'int4')], { pk: ['a', 'b'] }),
        table('no_key', [col('name', 'text')], { pk: null }),
        table('nullable_unique', [col('email', 'text')], { pk: null, unique: [['email']] }),
        table('by_index', [col('code', 'text', { notNull: true }), col('slug', 'text', { notNull: true }), col('other', 'text', { notNull: true })], {
          pk: null,
          uniqueIndexes: [['slug', 'other'], ['code']],
        }),
        table('blob_key', [col('hash', 'bytea'), col('name', 'text')], { pk: ['hash'] }),
        table('serial', [col('id', 'int4', { default: "nextval('serial_id_seq'::regclass)" })]),
        table('identity', [col('id', 'int8', { identity: 'always' })]),
        table('partial', [col('code', 'text', { notNull: true })], {
          pk: null,
          indexes: [{ name: 'partial_code', columns: ['code'], unique: true, primary: false, method: 'btree', predicate: '(code IS NOT NULL)', definition: 'CREATE UNIQUE INDEX …' }],
        }),
      ],
    }),
  );

  it('uses the primary key, compound too', () => {
    expect(model(set, 'public.plain').primaryKey).toEqual(['id']);
    expect(model(set, 'public.composite').primaryKey).toEqual(['a', 'b']);
    expect(model(set, 'public.composite').primaryKeySource).toEqual({ kind: 'primary-key', name: 'composite_pkey' });
  });

  it('leaves out a table with no primary key and no non-null unique index, with a warning', () => {
    const keys = set.models.map((m) => m.key);
    expect(keys).not.toContain('public.no_key');
    expect(keys).not.toContain('public.nullable_unique');
    expect(keys).not.toContain('public.partial');
    expect(diagnosticsWith(set, 'RR_NO_PRIMARY_KEY').map((d) => [d.severity, d.where])).toEqual([
      ['warning', 'public.no_key'],
      ['warning', 'public.nullable_unique'],
      ['warning', 'public.partial'],
    ]);
  });

  it('uses the smallest non-null unique index when there is no primary key', () => {
    expect(model(set, 'public.by_index').primaryKey).toEqual(['code']);
    expect(model(set, 'public.by_index').primaryKeySource).toEqual({ kind: 'unique-index', name: 'index_by_index_on_code' });
    expect(diagnosticsWith(set, 'RR_PRIMARY_KEY_FROM_UNIQUE_INDEX').map((d) => d.where)).toEqual(['public.by_index']);
  });

  it('leaves out a table whose primary key cannot be synced, naming the column and why', () => {
    expect(set.models.map((m) => m.key)).not.toContain('public.blob_key');
    const [warning] = diagnosticsWith(set, 'RR_UNSUPPORTED_PRIMARY_KEY');
    expect(warning?.where).toBe('public.blob_key');
    expect(warning?.message).toContain('hash (Zero does not sync binary data)');
    // The column warning is not repeated for a table that is left out anyway.
    expect(diagnosticsWith(set, 'RR_UNSUPPORTED_TYPE')).toEqual([]);
  });

  it('notes server-generated keys', () => {
    expect(diagnosticsWith(set, 'RR_SERVER_GENERATED_KEY').map((d) => [d.severity, d.where])).toEqual([
      ['info', 'public.identity'],
      ['info', 'public.serial'],
    ]);
  });
});
