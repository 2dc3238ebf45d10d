import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { column, diagnosticsWith, model } from '../testing/lookup.js';
import { col, snapshot, table } from '../testing/snapshot-builder.js';

const schema = snapshot({
  tables: [
    table('posts', [
      col('id', 'uuid'),
      col('created_at', 'timestamptz', { notNull: true }),
      col('updated_at', 'timestamp', { notNull: true }),
      col('discarded_at', 'timestamptz'),
      col('deleted_at', 'timestamptz'),
    ]),
    table('customers', [col('id', 'uuid'), col('inserted_at', 'int8', { notNull: true }), col('deleted_at', 'timestamptz')]),
    table('audits', [col('id', 'uuid'), col('created_at', 'text'), col('deleted_at', 'timestamptz', { notNull: true })]),
    table('plain', [col('id', 'uuid')]),
  ],
});

describe('behaviours', () => {
  const set = mapSchema(schema);

  it('finds timestamps set by mutators', () => {
    expect(model(set, 'public.posts').behaviours.timestamps).toEqual({ createdAt: 'createdAt', updatedAt: 'updatedAt' });
    expect(model(set, 'public.plain').behaviours).toEqual({ timestamps: { createdAt: null, updatedAt: null }, softDelete: null });
  });

  it('prefers discard (discarded_at) to paranoia (deleted_at)', () => {
    expect(model(set, 'public.posts').behaviours.softDelete).toEqual({ column: 'discardedAt', style: 'discard' });
    expect(model(set, 'public.customers').behaviours.softDelete).toEqual({ column: 'deletedAt', style: 'paranoia' });
  });

  it('ignores behaviour columns of the wrong type or nullability, with an info', () => {
    expect(model(set, 'public.audits').behaviours).toEqual({ timestamps: { createdAt: null, updatedAt: null }, softDelete: null });
    expect(diagnosticsWith(set, 'RR_BEHAVIOUR_COLUMN_IGNORED').map((d) => [d.severity, d.where])).toEqual([
      ['info', 'public.audits.created_at'],
      ['info', 'public.audits.deleted_at'],
    ]);
  });

  it('takes column names from config', () => {
    const custom = mapSchema(schema, { timestamps: { createdAt: ['inserted_at'] }, softDelete: { discard: [], paranoia: ['deleted_at'] } });
    expect(model(custom, 'public.customers').behaviours.timestamps.createdAt).toBe('insertedAt');
    expect(model(custom, 'public.posts').behaviours.softDelete).toEqual({ column: 'deletedAt', style: 'paranoia' });
  });

  it('makes timestamp columns optional in inserts, since mutators fill them', () => {
    expect(column(model(set, 'public.posts'), 'created_at').insertOptional).toBe(true);
    const strict = mapSchema(schema, { insertDefaults: 'required' });
    expect(column(model(strict, 'public.posts'), 'created_at').insertOptional).toBe(true);
  });
});
