import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { column, model } from '../testing/lookup.js';
import { col, enumType, snapshot, table } from '../testing/snapshot-builder.js';

const schema = snapshot({
  enums: [enumType('post_status', ['draft', 'published'])],
  tables: [
    table('posts', [
      col('id', 'uuid', { default: 'gen_random_uuid()' }),
      col('seq', 'int4', { notNull: true, default: "nextval('posts_seq_seq'::regclass)" }),
      col('title', 'varchar', { notNull: true }),
      col('kind', 'varchar', { notNull: true, default: "'draft'::character varying" }),
      col('status', 'enum:post_status', { notNull: true, default: "'draft'::post_status" }),
      col('meta', 'jsonb', { notNull: true, default: "'{}'::jsonb" }),
      col('tags', 'text[]', { notNull: true, default: 'ARRAY[]::text[]' }),
      col('score', 'int4', { notNull: true, default: '0' }),
      col('flag', 'bool', { notNull: true, default: 'false' }),
      col('published_at', 'timestamptz', { default: 'now()' }),
      col('slug', 'text', { notNull: true, default: "lower('X'::text)" }),
      col('total', 'int4', { generated: 'stored', default: '(score * 2)' }),
      col('number', 'int8', { identity: 'always' }),
      col('ticket', 'int8', { identity: 'by-default' }),
      col('body', 'text'),
    ]),
  ],
});

describe('defaults and insert optionality', () => {
  const posts = model(mapSchema(schema), 'public.posts');

  it('turns literal defaults into typed values the client can fill', () => {
    expect(column(posts, 'kind')).toMatchObject({ default: { kind: 'literal', value: 'draft', tsLiteral: '"draft"' }, clientFill: { kind: 'literal', tsLiteral: '"draft"' } });
    expect(column(posts, 'status').default).toMatchObject({ kind: 'literal', value: 'draft' });
    expect(column(posts, 'meta').default).toMatchObject({ kind: 'literal', value: {}, tsLiteral: '{}' });
    expect(column(posts, 'tags').default).toMatchObject({ kind: 'literal', value: [], tsLiteral: '[]' });
    expect(column(posts, 'score').default).toMatchObject({ kind: 'literal', value: 0 });
    expect(column(posts, 'flag').default).toMatchObject({ kind: 'literal', value: false });
  });

  it('records function defaults by kind', () => {
    expect(column(posts, 'id')).toMatchObject({ default: { kind: 'uuid', function: 'gen_random_uuid' }, clientFill: { kind: 'uuid' } });
    expect(column(posts, 'published_at')).toMatchObject({ default: { kind: 'now' }, clientFill: { kind: 'now' } });
    expect(column(posts, 'seq')).toMatchObject({ default: { kind: 'sequence', sequence: 'posts_seq_seq' }, clientFill: null });
    expect(column(posts, 'slug')).toMatchObject({ default: { kind: 'expression' }, clientFill: null });
    expect(column(posts, 'number').default).toEqual({ kind: 'identity', sql: null, generation: 'always' });
    expect(column(posts, 'total').default).toEqual({ kind: 'generated', sql: '(score * 2)' });
  });

  it('never lets mutators write generated columns or GENERATED ALWAYS identities', () => {
    expect(column(posts, 'total')).toMatchObject({ insertable: false, insertOptional: true });
    expect(column(posts, 'number')).toMatchObject({ insertable: false, insertOptional: true });
    expect(column(posts, 'ticket')).toMatchObject({ insertable: true, insertOptional: true });
  });

  it('makes nullable and defaulted columns optional by default (like drizzle-zero)', () => {
    const optional = posts.columns.filter((c) => c.insertOptional).map((c) => c.serverName);
    expect(optional).toEqual(['id', 'seq', 'kind', 'status', 'meta', 'tags', 'score', 'flag', 'published_at', 'slug', 'total', 'number', 'ticket', 'body']);
    expect(column(posts, 'title').insertOptional).toBe(false);
  });

  it('makes defaulted NOT NULL columns required when configured', () => {
    const strict = model(mapSchema(schema, { insertDefaults: 'required' }), 'public.posts');
    const optional = strict.columns.filter((c) => c.insertOptional).map((c) => c.serverName);
    expect(optional).toEqual(['published_at', 'total', 'number', 'body']);
  });
});
