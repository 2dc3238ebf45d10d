/**
 * Test support: small hand-written snapshots, written the way a schema reads.
 *
 *   snapshot({
 *     enums: [enumType('post_status', ['draft', 'published'])],
 *     tables: [
 *       table('users', [col('id', 'uuid'), col('email', 'varchar(255)', { notNull: true })], { pk: ['id'] }),
 *       table('posts', [col('id', 'uuid'), col('user_id', 'uuid'), col('status', 'enum:post_status')], {
 *         pk: ['id'],
 *         fks: [fk(['user_id'], 'users')],
 *       }),
 *     ],
 *   });
 *
 * Type strings: a pg_catalog type name (`int4`, `varchar(40)`, `numeric(10,2)`, `text[]`), or
 * `enum:`, `domain:`, `composite:`, `range:`, `base:` followed by `[schema.]name`. Columns are
 * nullable unless `notNull` (primary-key columns are always NOT NULL, as in PostgreSQL).
 */

import type {
  CheckConstraint,
  Column,
  DomainType,
  EnumType,
  ForeignKey,
  Index,
  KeyConstraint,
  SchemaSnapshot,
  Table,
  TypeKind,
  TypeRef,
  View,
} from '@rr/schema';

export function typeRef(spec: string): TypeRef {
  const dims = (spec.match(/\[\]/g) ?? []).length;
  let base = spec.replace(/\[\]/g, '');
  let kind: TypeKind = 'base';
  const kindMatch = /^(enum|domain|composite|range|multirange|base|pseudo):(.+)$/.exec(base);
  if (kindMatch) {
    kind = kindMatch[1] as TypeKind;
    base = kindMatch[2] as string;
  }
  const modifier = /^(.+?)\((\d+)(?:,(\d+))?\)$/.exec(base);
  let length: number | null = null;
  let precision: number | null = null;
  let scale: number | null = null;
  if (modifier) {
    base = modifier[1] as string;
    if (['varchar', 'bpchar', 'bit', 'varbit'].includes(base)) length = Number(modifier[2]);
    else {
      precision = Number(modifier[2]);
      scale = modifier[3] === undefined ? (base === 'numeric' ? 0 : null) : Number(modifier[3]);
    }
  }
  const dot = base.indexOf('.');
  const schema = kindMatch ? (dot >= 0 ? base.slice(0, dot) : 'public') : 'pg_catalog';
  const name = kindMatch && dot >= 0 ? base.slice(dot + 1) : base;
  return { schema, name, kind, sql: spec.replace(/^[a-z]+:/, ''), arrayDimensions: dims, length, precision, scale };
}

export interface ColumnOptions {
  readonly notNull?: boolean;
  readonly default?: string | null;
  readonly identity?: Column['identity'];
  readonly generated?: Column['generated'];
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

export interface ForeignKeySpec {
  readonly columns: readonly string[];
  readonly table: string;
  readonly refColumns: readonly string[] | null;
  readonly name: string | null;
}

/** `references` is `table` or `schema.table`; the referenced columns default to `['id']`. */
export function fk(columns: readonly string[], references: string, refColumns: readonly string[] | null = null, name: string | null = null): ForeignKeySpec {
  return { columns, table: references, refColumns, name };
}

export interface TableOptions {
  readonly schema?: string;
  readonly pk?: readonly string[] | null;
  readonly unique?: readonly (readonly string[])[];
  readonly uniqueIndexes?: readonly (readonly string[])[];
  readonly indexes?: readonly Index[];
  readonly fks?: readonly ForeignKeySpec[];
  /** CHECK expressions as `pg_get_constraintdef` prints them, with the columns they mention. */
  readonly checks?: readonly { readonly expression: string; readonly columns: readonly string[] }[];
  readonly kind?: Table['kind'];
  readonly partitions?: readonly string[];
  readonly comment?: string | null;
}

function qualified(name: string, fallbackSchema: string): { schema: string; name: string } {
  const dot = name.indexOf('.');
  return dot >= 0 ? { schema: name.slice(0, dot), name: name.slice(dot + 1) } : { schema: fallbackSchema, name };
}

export function table(name: string, columns: readonly ColumnSpec[], options: TableOptions = {}): Table {
  const schema = options.schema ?? 'public';
  const pk = options.pk === undefined ? (columns.some((c) => c.name === 'id') ? ['id'] : null) : options.pk;
  const pkSet = new Set(pk ?? []);
  const builtColumns: Column[] = columns.map((spec, index) => ({
    name: spec.name,
    position: index + 1,
    type: typeRef(spec.type),
    nullable: !(spec.options.notNull === true || pkSet.has(spec.name) || spec.options.identity != null),
    default: spec.options.default ?? null,
    identity: spec.options.identity ?? null,
    generated: spec.options.generated ?? null,
    comment: spec.options.comment ?? null,
  }));
  const primaryKey: KeyConstraint | null = pk === null ? null : { name: `${name}_pkey`, columns: pk };
  const uniqueConstraints: KeyConstraint[] = (options.unique ?? []).map((cols) => ({ name: `${name}_${cols.join('_')}_key`, columns: cols }));
  const foreignKeys: ForeignKey[] = (options.fks ?? []).map((spec) => {
    const target = qualified(spec.table, schema);
    return {
      name: spec.name ?? `${name}_${spec.columns.join('_')}_fkey`,
      columns: spec.columns,
      references: { ...target, columns: spec.refColumns ?? ['id'] },
      onUpdate: 'no-action',
      onDelete: 'no-action',
    };
  });
  const checks: CheckConstraint[] = (options.checks ?? []).map((check, index) => ({
    name: `${name}_check_${index + 1}`,
    expression: check.expression,
    columns: check.columns,
  }));
  const indexes: Index[] = [
    ...(options.uniqueIndexes ?? []).map((cols) => ({
      name: `index_${name}_on_${cols.join('_and_')}`,
      columns: cols,
      unique: true,
      primary: false,
      method: 'btree',
      predicate: null,
      definition: null,
    })),
    ...(options.indexes ?? []),
  ];
  return {
    schema,
    name,
    kind: options.kind ?? 'table',
    comment: options.comment ?? null,
    columns: builtColumns,
    primaryKey,
    uniqueConstraints,
    foreignKeys,
    checks,
    indexes,
    partitions: (options.partitions ?? []).map((partition) => qualified(partition, schema)),
  };
}

export function enumType(name: string, labels: readonly string[], schema = 'public'): EnumType {
  return { schema, name, labels, comment: null };
}

export function domainType(name: string, base: string, schema = 'public'): DomainType {
  return { schema, name, baseType: typeRef(base), notNull: false, default: null, checks: [], comment: null };
}

export function view(name: string, kind: View['kind'] = 'view', schema = 'public'): View {
  return { schema, name, kind, comment: null, columns: [] };
}

export interface SnapshotParts {
  readonly tables?: readonly Table[];
  readonly views?: readonly View[];
  readonly enums?: readonly EnumType[];
  readonly domains?: readonly DomainType[];
}

export function snapshot(parts: SnapshotParts): SchemaSnapshot {
  const schemas = new Set<string>(['public']);
  for (const item of [...(parts.tables ?? []), ...(parts.views ?? []), ...(parts.enums ?? [])]) schemas.add(item.schema);
  return {
    format: 'rr-schema-snapshot',
    version: 1,
    // The mapper never reads the fingerprint.
    fingerprint: 'sha256:test',
    meta: { source: { kind: 'snapshot', description: 'hand-written test snapshot' }, serverVersion: '16.0' },
    schemas: [...schemas].sort().map((name) => ({ name, comment: null })),
    tables: parts.tables ?? [],
    views: parts.views ?? [],
    enums: parts.enums ?? [],
    domains: parts.domains ?? [],
    compositeTypes: [],
    ranges: [],
  };
}

/** A seeded shuffle (the same seed always gives the same order), for determinism tests. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Reorders every list whose order carries no meaning (never key columns or enum labels). */
export function shuffleSnapshot(input: SchemaSnapshot, seed: number): SchemaSnapshot {
  const random = seeded(seed);
  return {
    ...input,
    schemas: shuffled(input.schemas, random),
    tables: shuffled(
      input.tables.map((item) => ({
        ...item,
        columns: shuffled(item.columns, random),
        uniqueConstraints: shuffled(item.uniqueConstraints, random),
        foreignKeys: shuffled(item.foreignKeys, random),
        checks: shuffled(item.checks, random),
        indexes: shuffled(item.indexes, random),
        partitions: shuffled(item.partitions, random),
      })),
      random,
    ),
    views: shuffled(input.views, random),
    enums: shuffled(input.enums, random),
    domains: shuffled(input.domains, random),
  };
}
