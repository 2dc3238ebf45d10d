/**
 * A small Rails-style schema: enums, jsonb, a composite primary key, soft delete, timestamps,
 * a polymorphic pair, a CHECK union and several foreign keys to the same table.
 */

import { col, enumType, snapshot, table, type SchemaSnapshot } from './snapshot.js';

const timestamps = [
  col('created_at', 'timestamp', { notNull: true }),
  col('updated_at', 'timestamp', { notNull: true }),
] as const;

export function railsSnapshot(): SchemaSnapshot {
  return snapshot({
    enums: [enumType('post_status', ['draft', 'published', 'archived'], 'Where a post is in its life.')],
    tables: [
      table(
        'users',
        [
          col('id', 'uuid', { default: 'gen_random_uuid()' }),
          col('email', 'varchar(255)', { notNull: true, comment: 'Login e-mail, unique.' }),
          col('settings', 'jsonb', { notNull: true, default: `'{}'::jsonb` }),
          col('role', 'varchar', { notNull: true, default: `'member'::character varying` }),
          ...timestamps,
        ],
        {
          unique: [['email']],
          checks: [{ expression: `CHECK (((role)::text = ANY ((ARRAY['member'::character varying, 'admin'::character varying])::text[])))`, columns: ['role'] }],
          comment: 'People who sign in.',
        },
      ),
      table(
        'posts',
        [
          col('id', 'int8', { default: `nextval('posts_id_seq'::regclass)` }),
          col('author_id', 'uuid', { notNull: true }),
          col('editor_id', 'uuid'),
          col('reviewer_id', 'uuid'),
          col('title', 'text', { notNull: true, default: `''::text` }),
          col('status', 'enum:post_status', { notNull: true, default: `'draft'::post_status` }),
          col('tags', 'text[]', { notNull: true, default: `'{}'::text[]` }),
          col('metadata', 'jsonb'),
          col('discarded_at', 'timestamp'),
          ...timestamps,
        ],
        {
          fks: [
            { columns: ['author_id'], table: 'users' },
            { columns: ['editor_id'], table: 'users' },
            { columns: ['reviewer_id'], table: 'users' },
          ],
        },
      ),
      table(
        'comments',
        [
          col('id', 'uuid', { default: 'gen_random_uuid()' }),
          col('commentable_type', 'varchar', { notNull: true }),
          col('commentable_id', 'uuid', { notNull: true }),
          col('user_id', 'uuid', { notNull: true }),
          col('body', 'text', { notNull: true }),
          col('deleted_at', 'timestamp'),
          ...timestamps,
        ],
        { fks: [{ columns: ['user_id'], table: 'users' }] },
      ),
      table(
        'post_tags',
        [
          col('post_id', 'int8', { notNull: true }),
          col('tag', 'varchar(64)', { notNull: true }),
          col('position', 'int4', { notNull: true, default: '0' }),
          col('created_at', 'timestamp', { notNull: true, default: 'now()' }),
        ],
        { pk: ['post_id', 'tag'], fks: [{ columns: ['post_id'], table: 'posts' }] },
      ),
    ],
  });
}
