/**
 * Test support: small hand-written schema snapshots for render tests.
 *
 * The renderer depends on the mapper only, so the snapshot types are taken from `mapSchema`'s
 * signature instead of importing `@rr/schema`. Columns are nullable unless `notNull` (primary-key
 * columns are always NOT NULL, as in PostgreSQL).
 */

import { mapSchema } from '@rr/mapper';

export type SchemaSnapshot = Parameters<typeof mapSchema>[0];
export type Table = SchemaSnapshot['tables'][number];
export type Column = Table['columns'][number];
export type EnumType = SchemaSnapshot['enums'][number];
type TypeRef = Column['type'];

/** `int4`, `text`, `varchar(40)`, `text[]`, `enum:post_status`. */
export function typeRef(spec: string): TypeRef {
  const arrayDimensions = (spec.match(/\[\]/g) ?? []).length;
  let base = spec.replace(/\[\]/g, '');
  const isEnum = base.startsWith('enum:');
  if (isEnum) base = base.slice('enum:'.length);
  const modifier = /^(.+?)\((\d+)\)$/.exec(base);
  const length = modifier !== null && modifier[1] === 'varchar' ? Number(modifier[2]) : null;
  if (modifier !== null) base = modifier[1] as string;
  return {
    schema: isEnum ? 'public' : 'pg_catalog',
    name: base,
    kind: isEnum ? 'enum' : 'base',
    sql: spec.replace(/^enum:/, ''),
    arrayDimensions,
    length,
    precision: null,
    scale: null,
  };
}

export interface ColumnOptions {
  readonly notNull?: boolean;
  readonly default?: string | null;
  readonly comment?: string | null;
}

export interface ColumnSpec {
  readonly name: string;
  readonly type: string;
  readonly options: ColumnOptions;
}

export function col(name: string, type: string, options: ColumnOptions = {}): ColumnSpec {
  return { name, type, options };
}

export interface TableOptions {
  readonly pk?: readonly string[];
  readonly unique?: readonly (readonly string[])[];
  /** Foreign keys to `public.<table>(id)`, or to the columns given. */
  readonly fks?: readonly { readonly columns: readonly string[]; readonly table: string; readonly refColumns?: readonly string[] }[];
  /** CHECK expressions as `pg_get_constraintdef` prints them. */
  readonly checks?: readonly { readonly expression: string; readonly columns: readonly string[] }[];
  readonly comment?: string | null;
}

export function table(name: string, columns: readonly ColumnSpec[], options: TableOptions = {}): Table {
  const pk = options.pk ?? ['id'];
  const pkSet = new Set(pk);
  return {
    schema: 'public',
    name,
    kind: 'table',
    comment: options.comment ?? null,
    columns: columns.map((spec, index) => ({
      name: spec.name,
      position: index + 1,
      type: typeRef(spec.type),
      nullable: !(spec.options.notNull === true || pkSet.has(spec.name)),
      default: spec.options.default ?? null,
      identity: null,
      generated: null,
      comment: spec.options.comment ?? null,
    })),
    primaryKey: { name: `${name}_pkey`, columns: pk },
    uniqueConstraints: (options.unique ?? []).map((cols, index) => ({ name: `${name}_key_${index + 1}`, columns: cols })),
    foreignKeys: (options.fks ?? []).map((spec, index) => ({
      name: `${name}_fkey_${index + 1}`,
      columns: spec.columns,
      references: { schema: 'public', name: spec.table, columns: spec.refColumns ?? ['id'] },
      onUpdate: 'no-action',
      onDelete: 'no-action',
    })),
    checks: (options.checks ?? []).map((check, index) => ({ name: `${name}_check_${index + 1}`, expression: check.expression, columns: check.columns })),
    indexes: [],
    partitions: [],
  };
}

export function enumType(name: string, labels: readonly string[], comment: string | null = null): EnumType {
  return { schema: 'public', name, labels, comment };
}

export function snapshot(parts: { readonly tables?: readonly Table[]; readonly enums?: readonly EnumType[] }): SchemaSnapshot {
  return {
    format: 'rr-schema-snapshot',
    version: 1,
    // Neither the mapper nor the renderer reads the fingerprint.
    fingerprint: 'sha256:test',
    meta: { source: { kind: 'snapshot', description: 'renderer test snapshot' }, serverVersion: '16.0' },
    schemas: [{ name: 'public', comment: null }],
    tables: parts.tables ?? [],
    views: [],
    enums: parts.enums ?? [],
    domains: [],
    compositeTypes: [],
    ranges: [],
  };
}

/** A seeded PRNG (mulberry32): the same seed always gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A seeded shuffle of every list whose order carries no meaning (never key columns or enum labels). */
export function shuffleSnapshot(input: SchemaSnapshot, seed: number): SchemaSnapshot {
  const random = mulberry32(seed);
  const shuffled = <T>(items: readonly T[]): T[] => {
    const result = [...items];
    for (let i = result.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [result[i], result[j]] = [result[j] as T, result[i] as T];
    }
    return result;
  };
  return {
    ...input,
    tables: shuffled(
      input.tables.map((item) => ({
        ...item,
        columns: shuffled(item.columns),
        uniqueConstraints: shuffled(item.uniqueConstraints),
        foreignKeys: shuffled(item.foreignKeys),
        checks: shuffled(item.checks),
      })),
    ),
    enums: shuffled(input.enums),
  };
}
