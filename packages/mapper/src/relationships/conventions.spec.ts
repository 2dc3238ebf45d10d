import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { diagnosticsWith, model, relationship } from '../testing/lookup.js';
import { col, fk, snapshot, table } from '../testing/snapshot-builder.js';

const names = (set: ReturnType<typeof mapSchema>, key: string) => model(set, key).relationships.map((r) => r.name);

const schema = snapshot({
  tables: [
    table('users', [col('id', 'uuid')]),
    table('posts', [col('id', 'int8')]),
    table('artist', [col('id', 'int4')]),
    table('album', [col('album_id', 'int4'), col('artist_id', 'int4')], { pk: ['album_id'] }),
    table('comments', [
      col('id', 'uuid'),
      col('post_id', 'int4'),
      col('user_id', 'text'),
      col('author_id', 'uuid'),
      col('reviewer_id', 'uuid'),
      col('tag_ids', 'uuid[]'),
    ], { fks: [fk(['reviewer_id'], 'users')] }),
  ],
});

describe('belongs-to by Rails convention', () => {
  const set = mapSchema(schema);

  it('infers <name>_id without a foreign key when <names> has a single-column key of a compatible type', () => {
    expect(relationship(model(set, 'public.comments'), 'post')).toMatchObject({
      cardinality: 'one',
      kind: 'belongs-to',
      origin: 'convention',
      constraint: null,
      hops: [{ sourceField: ['postId'], destField: ['id'], destSchema: 'posts' }],
      inverse: 'comments',
    });
    expect(relationship(model(set, 'public.posts'), 'comments')).toMatchObject({ origin: 'convention', kind: 'has-many' });
  });

  it('finds singular table names too, and never reads a table’s own key as a reference', () => {
    expect(names(set, 'public.album')).toEqual(['artist']);
    expect(names(set, 'public.artist')).toEqual(['albums']);
  });

  it('reports every inferred relationship as info', () => {
    expect(diagnosticsWith(set, 'RR_CONVENTION_RELATIONSHIP').map((d) => [d.severity, d.where])).toEqual([
      ['info', 'public.album.artist_id'],
      ['info', 'public.comments.post_id'],
    ]);
  });

  it('does not infer across incompatible key types, and says why', () => {
    expect(names(set, 'public.comments')).not.toContain('user');
    expect(diagnosticsWith(set, 'RR_CONVENTION_TYPE_MISMATCH').map((d) => d.where)).toEqual(['public.comments.user_id']);
  });

  it('infers nothing when no table matches, for arrays, or where a foreign key exists', () => {
    expect(names(set, 'public.comments')).toEqual(['post', 'reviewer']);
    expect(relationship(model(set, 'public.comments'), 'reviewer').origin).toBe('foreign-key');
  });

  it('follows the configured sources', () => {
    const fksOnly = mapSchema(schema, { relationships: { sources: 'foreign-keys' } });
    expect(names(fksOnly, 'public.comments')).toEqual(['reviewer']);
    expect(diagnosticsWith(fksOnly, 'RR_CONVENTION_RELATIONSHIP')).toEqual([]);
    const conventionsOnly = mapSchema(schema, { relationships: { sources: 'conventions' } });
    // The declared key of reviewer_id is ignored, and no `reviewers` table exists to infer it from.
    expect(model(conventionsOnly, 'public.comments').relationships.map((r) => [r.name, r.origin])).toEqual([['post', 'convention']]);
  });
});
