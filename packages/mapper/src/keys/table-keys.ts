/**
 * Keys of a table: the primary key Zero needs (or a non-null unique index standing in for it)
 * and every unique column set (finders, and whether an inverse relationship is `one`).
 */

import type { Table } from '@rr/schema';
import { compareCodePoints, columnSetKey } from '../order.js';

export interface UniqueKey {
  /** Constraint or index name. */
  readonly name: string;
  /** Database column names, in key order. */
  readonly columns: readonly string[];
  readonly primary: boolean;
}

/**
 * The primary key and unique constraints/indexes, one entry per distinct column set (the primary
 * key first, then by name). Partial and expression indexes do not make a column set unique.
 */
export function uniqueKeys(table: Table): UniqueKey[] {
  const keys: UniqueKey[] = [];
  if (table.primaryKey !== null && table.primaryKey.columns.length > 0) {
    keys.push({ name: table.primaryKey.name, columns: table.primaryKey.columns, primary: true });
  }
  // Declared constraints before bare indexes: a constraint is the schema's stated intent (and
  // PostgreSQL backs it with an index of the same name anyway).
  const constraints: UniqueKey[] = table.uniqueConstraints.map((constraint) => ({ name: constraint.name, columns: constraint.columns, primary: false }));
  const indexes: UniqueKey[] = [];
  for (const index of table.indexes) {
    if (!index.unique || index.primary || index.predicate !== null) continue;
    if (index.columns.some((column) => column === null)) continue;
    indexes.push({ name: index.name, columns: index.columns as readonly string[], primary: false });
  }
  // Most tables have a primary key and nothing else unique: nothing to sort or deduplicate.
  if (constraints.length === 0 && indexes.length === 0) return keys;
  const seen = new Set<string>(keys.map((key) => columnSetKey(key.columns)));
  const byName = (a: UniqueKey, b: UniqueKey): number => compareCodePoints(a.name, b.name);
  for (const key of [...constraints.sort(byName), ...indexes.sort(byName)]) {
    const id = columnSetKey(key.columns);
    if (seen.has(id) || key.columns.length === 0) continue;
    seen.add(id);
    keys.push(key);
  }
  return keys;
}

export type PrimaryKeyChoice =
  | { readonly ok: true; readonly kind: 'primary-key' | 'unique-index'; readonly name: string; readonly columns: readonly string[] }
  | { readonly ok: false; readonly code: 'RR_NO_PRIMARY_KEY' | 'RR_UNSUPPORTED_PRIMARY_KEY'; readonly message: string };

export interface ColumnFacts {
  /** Why the column is left out, or null when it is synced. */
  readonly omittedBecause: (column: string) => string | null;
  readonly nullable: (column: string) => boolean;
}

export function choosePrimaryKey(table: Table, keys: readonly UniqueKey[], facts: ColumnFacts): PrimaryKeyChoice {
  const where = (): string => `${table.schema}.${table.name}`;
  if (table.primaryKey !== null) {
    const { columns } = table.primaryKey;
    if (columns.every((column) => facts.omittedBecause(column) === null)) {
      return { ok: true, kind: 'primary-key', name: table.primaryKey.name, columns };
    }
    const blocked = columns
      .map((column) => ({ column, reason: facts.omittedBecause(column) }))
      .filter((entry) => entry.reason !== null);
    const detail = blocked.map((entry) => `${entry.column} (${entry.reason})`).join(', ');
    return {
      ok: false,
      code: 'RR_UNSUPPORTED_PRIMARY_KEY',
      message: `${where()} is left out: its primary key column ${detail} cannot be synced; override the column type in config (columns) if Zero can carry it`,
    };
  }
  const candidates = keys
    .filter((key) => !key.primary)
    .filter((key) => key.columns.every((column) => facts.omittedBecause(column) === null && !facts.nullable(column)))
    .sort((a, b) => a.columns.length - b.columns.length || compareCodePoints(a.name, b.name));
  const best = candidates[0];
  if (best !== undefined) return { ok: true, kind: 'unique-index', name: best.name, columns: best.columns };
  return {
    ok: false,
    code: 'RR_NO_PRIMARY_KEY',
    message: `${where()} is left out: Zero needs a primary key, and it has neither one nor a unique index over NOT NULL columns; add a primary key to sync it`,
  };
}
