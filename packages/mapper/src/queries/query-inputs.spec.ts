import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { model } from '../testing/lookup.js';
import { col, fk, snapshot, table } from '../testing/snapshot-builder.js';

describe('named-query inputs', () => {
  const set = mapSchema(
    snapshot({
      tables: [
        table('users', [col('id', 'uuid'), col('email', 'text', { notNull: true }), col('org_id', 'uuid'), col('slug', 'text')], {
          unique: [['email'], ['org_id', 'slug']],
          uniqueIndexes: [['email']],
          indexes: [{ name: 'users_lower_email', columns: [null], unique: true, primary: false, method: 'btree', predicate: null, definition: 'CREATE UNIQUE INDEX … (lower(email))' }],
          fks: [fk(['org_id'], 'orgs')],
        }),
        table('orgs', [col('id', 'uuid')]),
        table('profiles', [col('id', 'uuid'), col('user_id', 'uuid')], { unique: [['user_id']], fks: [fk(['user_id'], 'users')] }),
      ],
    }),
  );

  it('gives finders for the primary key, unique column sets and belongs-to keys', () => {
    expect(model(set, 'public.users').queries).toEqual({
      primaryKey: { source: 'users_pkey', columns: ['id'], finderName: 'byId' },
      uniqueKeys: [
        { source: 'users_email_key', columns: ['email'], finderName: 'byEmail' },
        { source: 'users_org_id_slug_key', columns: ['orgId', 'slug'], finderName: 'byOrgIdAndSlug' },
      ],
      belongsTo: [{ relationship: 'org', columns: ['orgId'], finderName: 'byOrgId', target: 'public.orgs' }],
      polymorphic: [],
    });
  });

  it('does not repeat a belongs-to finder for a key that is unique', () => {
    expect(model(set, 'public.profiles').queries.uniqueKeys.map((k) => k.finderName)).toEqual(['byUserId']);
    expect(model(set, 'public.profiles').queries.belongsTo).toEqual([]);
  });

  it('gives no finder for a unique key with a JSON or array column, which ZQL cannot filter on', () => {
    const withArray = mapSchema(
      snapshot({ tables: [table('discs', [col('id', 'uuid'), col('track_count', 'int4'), col('offsets', 'int4[]')], { unique: [['track_count', 'offsets'], ['track_count']] })] }),
    );
    expect(model(withArray, 'public.discs').queries.uniqueKeys.map((key) => key.finderName)).toEqual(['byTrackCount']);
  });
});
