import { jsonText } from '../text/json-text.js';
import { hash } from 'node:crypto';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type CheckConstraint,
  type Column,
  type CompositeType,
  type DomainType,
  type EnumType,
  type ForeignKey,
  type Index,
  type KeyConstraint,
  type QualifiedName,
  type RangeType,
  type SchemaInfo,
  type SchemaSnapshot,
  type SnapshotMeta,
  type Table,
  type TypeRef,
  type UnsignedSnapshot,
  type View,
} from './types.js';

/**
 * Canonical form: every object rebuilt with a fixed key order and every list sorted by a
 * code-point comparison (never locale-aware, so two machines agree). Column order is the
 * table's own order; enum labels keep their declared order; key columns keep key order.
 */

export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/**
 * JavaScript compares strings by UTF-16 unit, which puts characters above U+FFFF (stored as
 * surrogates, 0xD800-0xDFFF) before U+E000-U+FFFF. Moving the surrogates above every other
 * unit, at the first difference, gives code-point order: the order of PostgreSQL's "C"
 * collation on UTF-8, the same on every machine.
 */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

function byName<T extends { readonly name: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => compareText(a.name, b.name));
}

function byQualifiedName<T extends QualifiedName>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => compareText(a.schema, b.schema) || compareText(a.name, b.name));
}

function typeRef(t: TypeRef): TypeRef {
  return {
    schema: t.schema,
    name: t.name,
    kind: t.kind,
    sql: t.sql,
    arrayDimensions: t.arrayDimensions,
    length: t.length,
    precision: t.precision,
    scale: t.scale,
  };
}

function column(c: Column): Column {
  return {
    name: c.name,
    position: c.position,
    type: typeRef(c.type),
    nullable: c.nullable,
    default: c.default,
    identity: c.identity,
    generated: c.generated,
    comment: c.comment,
  };
}

function columns(list: readonly Column[]): Column[] {
  return [...list].sort((a, b) => a.position - b.position).map(column);
}

function key(k: KeyConstraint): KeyConstraint {
  return { name: k.name, columns: [...k.columns] };
}

function foreignKey(fk: ForeignKey): ForeignKey {
  return {
    name: fk.name,
    columns: [...fk.columns],
    references: {
      schema: fk.references.schema,
      name: fk.references.name,
      columns: [...fk.references.columns],
    },
    onUpdate: fk.onUpdate,
    onDelete: fk.onDelete,
  };
}

function check(c: CheckConstraint): CheckConstraint {
  return { name: c.name, expression: c.expression, columns: [...c.columns] };
}

function index(i: Index): Index {
  return {
    name: i.name,
    columns: [...i.columns],
    unique: i.unique,
    primary: i.primary,
    method: i.method,
    predicate: i.predicate,
    definition: i.definition,
  };
}

function table(t: Table): Table {
  return {
    schema: t.schema,
    name: t.name,
    kind: t.kind,
    comment: t.comment,
    columns: columns(t.columns),
    primaryKey: t.primaryKey ? key(t.primaryKey) : null,
    uniqueConstraints: byName(t.uniqueConstraints).map(key),
    foreignKeys: byName(t.foreignKeys).map(foreignKey),
    checks: byName(t.checks).map(check),
    indexes: byName(t.indexes).map(index),
    partitions: byQualifiedName(t.partitions).map((p) => ({ schema: p.schema, name: p.name })),
  };
}

function view(v: View): View {
  return { schema: v.schema, name: v.name, kind: v.kind, comment: v.comment, columns: columns(v.columns) };
}

function enumType(e: EnumType): EnumType {
  return { schema: e.schema, name: e.name, labels: [...e.labels], comment: e.comment };
}

function domain(d: DomainType): DomainType {
  return {
    schema: d.schema,
    name: d.name,
    baseType: typeRef(d.baseType),
    notNull: d.notNull,
    default: d.default,
    checks: byName(d.checks).map((c) => ({ name: c.name, expression: c.expression })),
    comment: d.comment,
  };
}

function composite(c: CompositeType): CompositeType {
  // Attribute order is the type's own order, like columns.
  return {
    schema: c.schema,
    name: c.name,
    attributes: c.attributes.map((a) => ({ name: a.name, type: typeRef(a.type) })),
    comment: c.comment,
  };
}

function range(r: RangeType): RangeType {
  return { schema: r.schema, name: r.name, subtype: typeRef(r.subtype), multirange: r.multirange, comment: r.comment };
}

function meta(m: SnapshotMeta): SnapshotMeta {
  return { source: { kind: m.source.kind, description: m.source.description }, serverVersion: m.serverVersion };
}

function schemaInfo(s: SchemaInfo): SchemaInfo {
  return { name: s.name, comment: s.comment };
}

/** The fingerprinted part of a snapshot, in canonical form. */
function canonicalContent(s: UnsignedSnapshot) {
  return {
    schemas: byName(s.schemas).map(schemaInfo),
    tables: byQualifiedName(s.tables).map(table),
    views: byQualifiedName(s.views).map(view),
    enums: byQualifiedName(s.enums).map(enumType),
    domains: byQualifiedName(s.domains).map(domain),
    compositeTypes: byQualifiedName(s.compositeTypes).map(composite),
    ranges: byQualifiedName(s.ranges).map(range),
  };
}

function sha256(text: string): string {
  return `sha256:${hash('sha256', text, 'hex')}`;
}

/** Puts a snapshot in canonical form and (re)computes its fingerprint. */
export function canonicalizeSnapshot(s: UnsignedSnapshot): SchemaSnapshot {
  const content = canonicalContent(s);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    fingerprint: sha256(JSON.stringify(content)),
    meta: meta(s.meta),
    ...content,
  };
}

/** The fingerprint a snapshot should carry, computed from its content alone. */
export function computeFingerprint(s: UnsignedSnapshot): string {
  return canonicalizeSnapshot(s).fingerprint;
}

/** The bytes of a snapshot file: canonical, laid out as Prettier prints JSON, one trailing newline. */
export function serializeSnapshot(s: UnsignedSnapshot): string {
  return jsonText(canonicalizeSnapshot(s));
}
