import { SchemaAccessError, SchemaNotFoundError } from '../errors.js';
import { canonicalizeSnapshot, compareText } from '../snapshot/canonical.js';
import type {
  CheckConstraint,
  Column,
  CompositeType,
  DomainType,
  EnumType,
  ForeignKey,
  ForeignKeyAction,
  Index,
  KeyConstraint,
  QualifiedName,
  RangeType,
  SchemaSnapshot,
  SnapshotMeta,
  Table,
  TypeKind,
  TypeRef,
  View,
} from '../snapshot/types.js';
import { AttributeNames, attributeNumbers } from './attribute-names.js';
import type { CatalogClient } from './catalog-client.js';
import { COLUMNS_SQL, CONSTRAINTS_SQL, INDEXES_SQL, RELATIONS_SQL, SCHEMAS_SQL, TYPES_SQL } from './catalog-queries.js';
import { columnsInTableOrder, groupByRelation } from './row-groups.js';
import { decodeTypeModifier } from './type-modifier.js';

export interface IntrospectOptions {
  /** Schemas to read; empty or absent: every schema that is not a system or extension schema. */
  readonly schemas?: readonly string[];
  /** Per-statement limit inside the introspection transaction. */
  readonly statementTimeoutMs?: number;
  readonly source: SnapshotMeta['source'];
  /** An earlier introspection of the same source and schemas: returned as it is while the catalog stamp is unchanged. */
  readonly reuse?: ReusableIntrospection;
}

/** What a cache keeps of an introspection to offer it again. */
export interface ReusableIntrospection {
  readonly catalogStamp: string;
  /**
   * The earlier snapshot and its warnings, asked for only once the stamp matches (so a changed
   * catalog never costs reading them back); undefined when they cannot be had after all, and
   * the catalog is then read as without them.
   */
  readonly earlier: () => Promise<{ readonly snapshot: SchemaSnapshot; readonly warnings: readonly string[] } | undefined>;
}

export interface Introspection {
  readonly snapshot: SchemaSnapshot;
  /** Round trips to the database, BEGIN and COMMIT included. */
  readonly roundTrips: number;
  readonly warnings: readonly string[];
  /** The catalog stamp the snapshot was read under (databases only; see CATALOG_STAMP_SQL). */
  readonly catalogStamp?: string;
  /** True when the snapshot is `reuse`'s, because the catalog had not changed since. */
  readonly reused?: boolean;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

export interface SchemaRow { name: string; comment: string | null; usable: boolean; role: string; server_version: string; catalog_stamp: string }
interface RelationRow {
  oid: string; schema: string; name: string; kind: 'r' | 'p' | 'v' | 'm'; is_partition: boolean;
  root_schema: string | null; root_name: string | null; comment: string | null;
}
interface TypeColumns { type_schema: string; type_name: string; type_kind: string; array_dimensions: number; typmod: number }
interface ColumnRow extends TypeColumns {
  relation: string; name: string; attnum: number; sql_type: string; type_oid: string; nullable: boolean;
  default_expression: string | null; identity: string; generated: string; comment: string | null;
}
interface ConstraintRow {
  relation: string; name: string; type: 'p' | 'u' | 'f' | 'c'; column_numbers: string | null;
  ref_schema: string | null; ref_name: string | null; ref_relation: string; ref_column_numbers: string | null;
  unselected_ref_columns: string[] | null; on_update: string; on_delete: string; definition: string | null;
}
interface IndexRow {
  relation: string; name: string; column_numbers: string; key_count: number; is_unique: boolean; is_primary: boolean;
  method: string; predicate: string | null; definition: string | null;
}
interface AttributeJson { name: string; sql: string; schema: string; type: string; kind: string; dims: number; typmod: number }
interface TypeRow {
  schema: string; name: string; kind: 'e' | 'd' | 'c' | 'r'; comment: string | null;
  detail: unknown; not_null: boolean; default_expression: string | null; multirange: string | null;
  ref_schema: string | null; ref_name: string | null; ref_kind: string | null; ref_sql: string | null;
  ref_array_dimensions: number | null; ref_typmod: number | null; attributes: AttributeJson[] | null;
}

const TYPE_KINDS: Readonly<Record<string, TypeKind>> = {
  b: 'base', e: 'enum', d: 'domain', c: 'composite', r: 'range', m: 'multirange', p: 'pseudo',
};
const FK_ACTIONS: Readonly<Record<string, ForeignKeyAction>> = {
  a: 'no-action', r: 'restrict', c: 'cascade', n: 'set-null', d: 'set-default',
};

function typeRef(schema: string, name: string, kind: string, sql: string, arrayDimensions: number, typmod: number): TypeRef {
  return {
    schema,
    name,
    kind: TYPE_KINDS[kind] ?? 'base',
    sql,
    arrayDimensions: Number(arrayDimensions),
    ...decodeTypeModifier(name, Number(typmod)),
  };
}

function column(row: ColumnRow, position: number): Column {
  return {
    name: row.name,
    position,
    type: typeRef(row.type_schema, row.type_name, row.type_kind, row.sql_type, row.array_dimensions, row.typmod),
    nullable: row.nullable,
    default: row.default_expression,
    identity: row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by-default' : null,
    generated: row.generated === 's' ? 'stored' : row.generated === 'v' ? 'virtual' : null,
    comment: row.comment,
  };
}

interface TableParts {
  primaryKey: KeyConstraint | null;
  uniqueConstraints: KeyConstraint[];
  foreignKeys: ForeignKey[];
  checks: CheckConstraint[];
}

function tableParts(rows: readonly ConstraintRow[], names: AttributeNames): TableParts {
  const parts: TableParts = { primaryKey: null, uniqueConstraints: [], foreignKeys: [], checks: [] };
  for (const row of rows) {
    const what = `constraint ${row.name}`;
    const numbers = attributeNumbers(row.column_numbers);
    // A check's conkey follows its expression; the snapshot lists its columns in table order.
    if (row.type === 'c') numbers.sort((a, b) => a - b);
    const columns = numbers.map((attnum) => names.name(row.relation, attnum, what));
    if (row.type === 'p') parts.primaryKey = { name: row.name, columns };
    else if (row.type === 'u') parts.uniqueConstraints.push({ name: row.name, columns });
    else if (row.type === 'c') parts.checks.push({ name: row.name, expression: row.definition ?? '', columns });
    else
      parts.foreignKeys.push({
        name: row.name,
        columns,
        references: {
          schema: row.ref_schema ?? '',
          name: row.ref_name ?? '',
          columns: row.unselected_ref_columns ?? attributeNumbers(row.ref_column_numbers).map((attnum) => names.name(row.ref_relation, attnum, what)),
        },
        onUpdate: FK_ACTIONS[row.on_update] ?? 'no-action',
        onDelete: FK_ACTIONS[row.on_delete] ?? 'no-action',
      });
  }
  return parts;
}

function index(row: IndexRow, names: AttributeNames): Index {
  return {
    name: row.name,
    // INCLUDE columns follow the key columns; an expression key is attribute 0.
    columns: attributeNumbers(row.column_numbers)
      .slice(0, Number(row.key_count))
      .map((attnum) => (attnum === 0 ? null : names.name(row.relation, attnum, `index ${row.name}`))),
    unique: row.is_unique,
    primary: row.is_primary,
    method: row.method,
    predicate: row.predicate,
    definition: row.definition,
  };
}

interface UserTypes {
  enums: EnumType[];
  domains: DomainType[];
  compositeTypes: CompositeType[];
  ranges: RangeType[];
}

function userTypes(rows: readonly TypeRow[]): UserTypes {
  const types: UserTypes = { enums: [], domains: [], compositeTypes: [], ranges: [] };
  for (const row of rows) {
    const base = { schema: row.schema, name: row.name };
    const referenced = () =>
      typeRef(row.ref_schema ?? '', row.ref_name ?? '', row.ref_kind ?? 'b', row.ref_sql ?? '', row.ref_array_dimensions ?? 0, row.ref_typmod ?? -1);
    if (row.kind === 'e') {
      types.enums.push({ ...base, labels: (row.detail as string[] | null) ?? [], comment: row.comment });
    } else if (row.kind === 'd') {
      types.domains.push({
        ...base,
        baseType: referenced(),
        notNull: row.not_null,
        default: row.default_expression,
        checks: (row.detail as { name: string; expression: string }[] | null) ?? [],
        comment: row.comment,
      });
    } else if (row.kind === 'r') {
      types.ranges.push({ ...base, subtype: referenced(), multirange: row.multirange, comment: row.comment });
    } else {
      types.compositeTypes.push({
        ...base,
        attributes: (row.attributes ?? []).map((a) => ({ name: a.name, type: typeRef(a.schema, a.type, a.kind, a.sql, a.dims, a.typmod) })),
        comment: row.comment,
      });
    }
  }
  return types;
}

const qualifiedKey = (q: QualifiedName) => `${q.schema}\u0000${q.name}`;

/**
 * Reads the catalog in one REPEATABLE READ, READ ONLY transaction, so every query sees the same
 * picture even while migrations run, with a constant number of round trips whatever the
 * size of the schema. Given the `head` a caller read (`readCatalogHead`), it goes on from there.
 */
export async function introspect(client: CatalogClient, options: IntrospectOptions, head?: CatalogHead): Promise<Introspection> {
  const { rows: schemaRows } = head ?? (await readCatalogHead(client, options));
  try {
    const role = schemaRows[0]?.role ?? 'unknown';
    const available = schemaRows.filter((r) => r.usable).map((r) => r.name).sort(compareText);
    const forbidden = schemaRows.filter((r) => !r.usable).map((r) => r.name).sort(compareText);
    const explicit = Boolean(options.schemas?.length);
    const requested = explicit ? [...new Set(options.schemas)] : available;
    const missing = requested.filter((s) => !available.includes(s) && !forbidden.includes(s));
    if (missing.length) throw new SchemaNotFoundError(missing, available);
    // Named schemas the role may not use are an error: the user asked for them. Left out of
    // the default selection, they are reported, so a snapshot never silently shrinks.
    const denied = requested.filter((s) => forbidden.includes(s));
    if (denied.length) throw new SchemaAccessError(denied, role);
    const warnings: string[] = [];
    if (!explicit && forbidden.length) {
      warnings.push(
        `left out schema${forbidden.length > 1 ? 's' : ''} ${forbidden.map((s) => `"${s}"`).join(', ')}: role "${role}" has no USAGE privilege on ` +
          `${forbidden.length > 1 ? 'them' : 'it'}. Grant it to include ${forbidden.length > 1 ? 'them' : 'it'}, or choose the schemas with --schema.`,
      );
    }

    const catalogStamp = schemaRows[0]?.catalog_stamp;
    const earlier = options.reuse !== undefined && catalogStamp !== undefined && options.reuse.catalogStamp === catalogStamp ? await options.reuse.earlier() : undefined;
    if (earlier !== undefined) {
      await client.exec('COMMIT');
      return { snapshot: earlier.snapshot, roundTrips: client.roundTrips, warnings: earlier.warnings, catalogStamp, reused: true };
    }

    const params = [requested];
    const relations = await client.query<RelationRow>(RELATIONS_SQL, params);
    const columnRows = await client.query<ColumnRow>(COLUMNS_SQL, params);
    const constraintRows = await client.query<ConstraintRow>(CONSTRAINTS_SQL, params);
    const indexRows = await client.query<IndexRow>(INDEXES_SQL, params);
    const typeRows = await client.query<TypeRow>(TYPES_SQL, [requested, [...new Set(columnRows.map((row) => row.type_oid))]]);
    await client.exec('COMMIT');

    const columnsOf = columnsInTableOrder(columnRows);
    const names = new AttributeNames(columnRows);
    const constraintsOf = groupByRelation(constraintRows);
    const indexesOf = groupByRelation(indexRows);
    const partitionsOf = new Map<string, QualifiedName[]>();
    for (const r of relations) {
      if (!r.is_partition || r.root_schema === null || r.root_name === null) continue;
      const root = qualifiedKey({ schema: r.root_schema, name: r.root_name });
      const list = partitionsOf.get(root) ?? [];
      list.push({ schema: r.schema, name: r.name });
      partitionsOf.set(root, list);
    }

    const tables: Table[] = [];
    const views: View[] = [];
    for (const r of relations) {
      if (r.is_partition) continue;
      const columns = (columnsOf.get(r.oid) ?? []).map((row, i) => column(row, i + 1));
      if (r.kind === 'v' || r.kind === 'm') {
        views.push({ schema: r.schema, name: r.name, kind: r.kind === 'v' ? 'view' : 'materialized', comment: r.comment, columns });
        continue;
      }
      tables.push({
        schema: r.schema,
        name: r.name,
        kind: r.kind === 'p' ? 'partitioned' : 'table',
        comment: r.comment,
        columns,
        ...tableParts(constraintsOf.get(r.oid) ?? [], names),
        indexes: (indexesOf.get(r.oid) ?? []).map((row) => index(row, names)),
        partitions: partitionsOf.get(qualifiedKey(r)) ?? [],
      });
    }

    if (tables.length === 0 && views.length === 0) {
      warnings.push(
        `no tables or views found in schema${requested.length === 1 ? '' : 's'} ${requested.map((s) => `"${s}"`).join(', ') || '(none)'}: the snapshot is empty.`,
      );
    }
    const selected = new Set(requested);
    const snapshot = canonicalizeSnapshot({
      format: 'rr-schema-snapshot',
      version: 1,
      meta: { source: options.source, serverVersion: schemaRows[0]?.server_version ?? 'unknown' },
      schemas: schemaRows.filter((r) => selected.has(r.name)).map((r) => ({ name: r.name, comment: r.comment })),
      tables,
      views,
      ...userTypes(typeRows),
    });
    return { snapshot, roundTrips: client.roundTrips, warnings, ...(catalogStamp === undefined ? {} : { catalogStamp }) };
  } catch (error) {
    await client.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * An introspection's first step, for a caller that decides from the catalog stamp whether it
 * needs the rest: the transaction begun and its first query read (the schemas, the role, the
 * server version and the stamp). `introspect` given the head goes on in the same transaction,
 * so what it reads is what the stamp describes; a caller that needs no more ends the transaction.
 */
export interface CatalogHead {
  /** Undefined only for a database without a schema to read. */
  readonly catalogStamp: string | undefined;
  readonly rows: readonly SchemaRow[];
}

export async function readCatalogHead(client: CatalogClient, options: { readonly statementTimeoutMs?: number } = {}): Promise<CatalogHead> {
  await beginReading(client, options.statementTimeoutMs);
  try {
    const rows = await client.query<SchemaRow>(SCHEMAS_SQL);
    return { catalogStamp: rows[0]?.catalog_stamp, rows };
  } catch (error) {
    await client.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function beginReading(client: CatalogClient, statementTimeoutMs: number | undefined): Promise<void> {
  const timeout = Math.max(0, Math.trunc(statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS));
  // Printed expressions (defaults, checks, type names) depend on session settings: pin them, so
  // every source prints the same text. An empty search_path qualifies every non-catalog name.
  // JIT compilation costs more than these short catalog queries take (800 ms on musicbrainz).
  await client.exec(
    'BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; ' +
      `SET LOCAL statement_timeout = ${timeout}; SET LOCAL search_path = ''; ` +
      "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL jit = off",
  );
}
