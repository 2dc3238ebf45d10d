/**
 * Test and benchmark support: a deterministic schema of any size, shaped like a Rails app (uuid
 * keys, timestamps, an enum, JSON, two foreign keys and one conventional `<name>_id` per table,
 * a junction table every tenth table).
 */

import type { SchemaSnapshot, Table } from '@rr/schema';
import { col, enumType, fk, snapshot, table } from './snapshot-builder.js';

function name(index: number): string {
  return `block${String(index).padStart(5, '0')}_items`;
}

export function syntheticSnapshot(tableCount: number): SchemaSnapshot {
  const tables: Table[] = [];
  for (let i = 0; i < tableCount; i++) {
    const parent = i > 0 ? name(i - 1) : null;
    const grand = i > 1 ? name(Math.floor(i / 2)) : null;
    const conventional = i > 2 ? `block${String(i - 3).padStart(5, '0')}_item_id` : null;
    tables.push(
      table(
        name(i),
        [
          col('id', 'uuid', { default: 'gen_random_uuid()' }),
          col('name', 'varchar(255)', { notNull: true }),
          col('status', 'enum:status', { notNull: true, default: "'active'::status" }),
          col('settings', 'jsonb', { notNull: true, default: "'{}'::jsonb" }),
          col('tags', 'text[]'),
          col('amount_cents', 'int4', { notNull: true, default: '0' }),
          ...(parent === null ? [] : [col('parent_id', 'uuid')]),
          ...(grand === null ? [] : [col('owner_id', 'uuid')]),
          ...(conventional === null ? [] : [col(conventional, 'uuid')]),
          col('created_at', 'timestamptz', { notNull: true, default: 'now()' }),
          col('updated_at', 'timestamptz', { notNull: true }),
          col('deleted_at', 'timestamptz'),
        ],
        {
          fks: [...(parent === null ? [] : [fk(['parent_id'], parent)]), ...(grand === null ? [] : [fk(['owner_id'], grand)])],
          uniqueIndexes: [['name']],
        },
      ),
    );
    if (i % 10 === 9) {
      tables.push(
        table(`${name(i)}_links`, [col('left_id', 'uuid'), col('right_id', 'uuid'), col('created_at', 'timestamptz')], {
          pk: ['left_id', 'right_id'],
          fks: [fk(['left_id'], name(i)), fk(['right_id'], name(i - 1))],
        }),
      );
    }
  }
  return snapshot({ enums: [enumType('status', ['active', 'archived'])], tables });
}
