import { describe, expect, it } from 'vitest';
import { MapperConfigError } from './config.js';
import { DIAGNOSTIC_CODES } from './diagnostics.js';
import { mapSchema } from './map-schema.js';
import { compareCodePoints } from './order.js';
import { diagnosticsWith, model } from './testing/lookup.js';
import { col, enumType, fk, shuffleSnapshot, snapshot, table, view } from './testing/snapshot-builder.js';
import { syntheticSnapshot } from './testing/synthetic-schema.js';

const rich = snapshot({
  enums: [enumType('post_status', ['draft', 'published']), enumType('role', ['admin', 'member'], 'auth')],
  views: [view('recent_posts'), view('stats', 'materialized')],
  tables: [
    table('users', [col('id', 'uuid'), col('email', 'varchar(255)', { notNull: true }), col('role', 'enum:auth.role'), col('avatar', 'bytea')], { unique: [['email']] }),
    table('posts', [col('id', 'uuid'), col('author_id', 'uuid'), col('editor_id', 'uuid'), col('status', 'enum:post_status'), col('category_id', 'uuid'), col('created_at', 'timestamptz')], {
      fks: [fk(['author_id'], 'users'), fk(['editor_id'], 'users')],
    }),
    table('categories', [col('id', 'uuid'), col('parent_id', 'uuid')], { fks: [fk(['parent_id'], 'categories')] }),
    table('tags', [col('id', 'uuid')]),
    table('post_tags', [col('post_id', 'uuid'), col('tag_id', 'uuid')], { pk: ['post_id', 'tag_id'], fks: [fk(['post_id'], 'posts'), fk(['tag_id'], 'tags')] }),
    table('comments', [col('id', 'uuid'), col('commentable_type', 'text'), col('commentable_id', 'uuid'), col('deleted_at', 'timestamptz')]),
    table('sessions', [col('id', 'uuid'), col('user_id', 'uuid')], { schema: 'auth', fks: [fk(['user_id'], 'public.users')] }),
    table('schema_migrations', [col('version', 'text')], { pk: ['version'] }),
    table('events', [col('id', 'uuid'), col('at', 'timestamptz')], { kind: 'partitioned', pk: ['id', 'at'], partitions: ['events_p1', 'events_p2'] }),
  ],
});
const config = { relationships: { polymorphic: { 'comments.commentable': ['Post', 'public.users'] } } } as const;

describe('mapSchema', () => {
  it('is deterministic: a shuffled snapshot gives an identical model set, to the byte', () => {
    const expected = mapSchema(rich, config);
    const bytes = JSON.stringify(expected);
    for (const seed of [1, 2, 3, 42, 2024]) {
      const shuffled = mapSchema(shuffleSnapshot(rich, seed), config);
      expect(shuffled).toEqual(expected);
      expect(JSON.stringify(shuffled)).toBe(bytes);
    }
  });

  it('is deterministic on a larger schema too', () => {
    const big = syntheticSnapshot(60);
    expect(JSON.stringify(mapSchema(shuffleSnapshot(big, 7)))).toBe(JSON.stringify(mapSchema(big)));
  });

  it('does not modify its input', () => {
    const frozen = structuredClone(rich);
    const deepFreeze = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      Object.freeze(value);
      for (const child of Object.values(value)) deepFreeze(child);
    };
    deepFreeze(frozen);
    expect(() => mapSchema(frozen, config)).not.toThrow();
    expect(frozen).toEqual(rich);
  });

  it('sorts models and enums by key and diagnostics by where, code, message', () => {
    const set = mapSchema(rich, config);
    const sortedBy = <T>(items: readonly T[], key: (item: T) => string) => [...items].map(key).sort(compareCodePoints);
    expect(set.models.map((m) => m.key)).toEqual(sortedBy(set.models, (m) => m.key));
    expect(set.enums.map((e) => e.key)).toEqual(['auth.role', 'public.post_status']);
    const keys = set.diagnostics.map((d) => `${d.where}\u0000${d.code}\u0000${d.message}`);
    expect(keys).toEqual([...keys].sort(compareCodePoints));
  });

  it('prefixes enums of other schemas like tables', () => {
    expect(mapSchema(rich).enums.map((e) => e.name)).toEqual(['AuthRole', 'PostStatus']);
  });

  it('uses only stable codes with a where and a message a person can act on', () => {
    const set = mapSchema(rich, config);
    for (const diagnostic of set.diagnostics) {
      expect(Object.keys(DIAGNOSTIC_CODES)).toContain(diagnostic.code);
      expect(diagnostic.where).toMatch(/^[a-z_]+\.[^.]+/);
      expect(diagnostic.message.length).toBeGreaterThan(20);
    }
  });

  it('counts everything in stats', () => {
    const set = mapSchema(rich, config);
    expect(set.stats).toMatchObject({
      tables: 9,
      views: 2,
      models: 8,
      enums: 2,
      omittedColumns: 1,
      diagnostics: {
        error: set.diagnostics.filter((d) => d.severity === 'error').length,
        warning: set.diagnostics.filter((d) => d.severity === 'warning').length,
        info: set.diagnostics.filter((d) => d.severity === 'info').length,
      },
    });
    expect(set.stats.columns).toBe(set.models.reduce((n, m) => n + m.columns.length, 0));
    expect(set.stats.relationships).toBe(set.models.reduce((n, m) => n + m.relationships.length, 0));
    // Every column of every selected table is resolved once (schema_migrations is not selected).
    expect(set.stats.typeCache.hits + set.stats.typeCache.misses).toBe(23);
  });

  it('applies configured severities and silences codes', () => {
    const set = mapSchema(rich, { diagnostics: { RR_VIEW_SKIPPED: 'warning', RR_UNSUPPORTED_TYPE: 'off' } });
    expect(diagnosticsWith(set, 'RR_VIEW_SKIPPED').every((d) => d.severity === 'warning')).toBe(true);
    expect(diagnosticsWith(set, 'RR_UNSUPPORTED_TYPE')).toEqual([]);
    expect(model(set, 'public.users').omittedColumns).toEqual([{ name: 'avatar', reason: 'Zero does not sync binary data' }]);
  });

  it('reports configuration that names nothing', () => {
    const set = mapSchema(rich, {
      columns: { 'users.emial': { name: 'mail' } },
      tables: { 'public.userz': { model: 'U' } },
      relationships: { names: { 'posts.writer': 'w' } },
    });
    expect(diagnosticsWith(set, 'RR_OVERRIDE_UNUSED').map((d) => d.where)).toEqual(['public.posts.writer', 'public.users.emial', 'public.userz']);
  });

  it('throws MapperConfigError for invalid configuration', () => {
    expect(() => mapSchema(rich, { relationships: { sources: 'all' as never } })).toThrow(MapperConfigError);
  });

  it('links models across schemas with .from(schema.table)', () => {
    const set = mapSchema(rich);
    expect(model(set, 'auth.sessions')).toMatchObject({ zeroName: 'authSessions', from: 'auth.sessions', modelName: 'AuthSession' });
    expect(model(set, 'auth.sessions').relationships[0]).toMatchObject({ name: 'user', hops: [{ destSchema: 'users' }] });
    // Relationship names are scoped to their model, so they carry no schema prefix.
    expect(model(set, 'public.users').relationships.map((r) => r.name)).toContain('sessions');
  });

  it('resolves each distinct type once, however many tables use it', () => {
    // A deterministic count instead of a timing: type resolution is memoised, so sixteen times
    // the tables costs no more misses, and every further column is a cache hit.
    const small = mapSchema(syntheticSnapshot(100)).stats;
    const large = mapSchema(syntheticSnapshot(1600)).stats;
    expect(large.typeCache.misses).toBe(small.typeCache.misses);
    expect(large.typeCache.hits + large.typeCache.misses).toBe(large.columns + large.omittedColumns);
    expect(large.models).toBe(16 * small.models);
  });
});
