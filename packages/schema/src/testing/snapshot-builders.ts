/**
 * Small builders for hand-made snapshots in unit tests. Every field gets a plain default so a
 * test names only what it is about.
 */
import { canonicalizeSnapshot } from '../snapshot/canonical.js';
import type {
  Column,
  CompositeType,
  DomainType,
  EnumType,
  ForeignKey,
  RangeType,
  SchemaSnapshot,
  Table,
  TypeRef,
  UnsignedSnapshot,
  View,
} from '../snapshot/types.js';

export function typeRef(sql: string, overrides: Partial<TypeRef> = {}): TypeRef {
  return {
    schema: 'pg_catalog',
    name: sql,
    kind: 'base',
    sql,
    arrayDimensions: 0,
    length: null,
    precision: null,
    scale: null,
    ...overrides,
  };
}

export function column(name: string, position: number, overrides: Partial<Column> = {}): Column {
  return {
    name,
    position,
    type: typeRef('text'),
    nullable: true,
    default: null,
    identity: null,
    generated: null,
    comment: null,
    ...overrides,
  };
}

export function table(schema: string, name: string, overrides: Partial<Table> = {}): Table {
  return {
    schema,
    name,
    kind: 'table',
    comment: null,
    columns: [column('id', 1, { type: typeRef('bigint', { name: 'int8' }), nullable: false })],
    primaryKey: { name: `${name}_pkey`, columns: ['id'] },
    uniqueConstraints: [],
    foreignKeys: [],
    checks: [],
    indexes: [],
    partitions: [],
    ...overrides,
  };
}

export function foreignKey(name: string, columns: string[], target: string, targetColumns: string[], overrides: Partial<ForeignKey> = {}): ForeignKey {
  const [schema, table] = target.split('.') as [string, string];
  return {
    name,
    columns,
    references: { schema, name: table, columns: targetColumns },
    onUpdate: 'no-action',
    onDelete: 'no-action',
    ...overrides,
  };
}

export function view(schema: string, name: string, overrides: Partial<View> = {}): View {
  return { schema, name, kind: 'view', comment: null, columns: [column('id', 1)], ...overrides };
}

export function enumType(schema: string, name: string, labels: string[], comment: string | null = null): EnumType {
  return { schema, name, labels, comment };
}

export function domain(schema: string, name: string, baseType: TypeRef, overrides: Partial<DomainType> = {}): DomainType {
  return { schema, name, baseType, notNull: false, default: null, checks: [], comment: null, ...overrides };
}

export function composite(schema: string, name: string, attributes: CompositeType['attributes'], comment: string | null = null): CompositeType {
  return { schema, name, attributes, comment };
}

export function range(schema: string, name: string, subtype: TypeRef, multirange: string | null = null): RangeType {
  return { schema, name, subtype, multirange, comment: null };
}

/** A canonical, fingerprinted snapshot from the given parts (everything else empty). */
export function snapshot(parts: Partial<UnsignedSnapshot> = {}): SchemaSnapshot {
  return canonicalizeSnapshot({
    format: 'rr-schema-snapshot',
    version: 1,
    meta: { source: { kind: 'database', description: '127.0.0.1:5432/app' }, serverVersion: '15.20' },
    schemas: [{ name: 'public', comment: null }],
    tables: [],
    views: [],
    enums: [],
    domains: [],
    compositeTypes: [],
    ranges: [],
    ...parts,
  });
}
