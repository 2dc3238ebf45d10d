/**
 * The SchemaSnapshot: everything rr needs to know about a PostgreSQL schema, as plain JSON.
 *
 * It is the contract between `@rr/schema` and every later stage, and it is committed to users'
 * repositories, so it is versioned and canonical: every list has one defined order (see
 * `canonical.ts`), nothing in it depends on object identifiers or on when it was taken, and the
 * `fingerprint` covers everything except `fingerprint` and `meta`.
 */

export const SNAPSHOT_FORMAT = 'rr-schema-snapshot';
export const SNAPSHOT_VERSION = 1;

/** A qualified name; `schema` is never omitted, even for `public`. */
export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

/** What kind of type a column (or array element, domain base, attribute) has. */
export type TypeKind = 'base' | 'enum' | 'domain' | 'composite' | 'range' | 'multirange' | 'pseudo';

/**
 * A resolved type reference. For arrays, `schema`/`name`/`kind` describe the element type and
 * `arrayDimensions` is at least 1 (PostgreSQL does not enforce dimensions, so this is what was
 * declared, and 1 when the declaration did not say).
 */
export interface TypeRef extends QualifiedName {
  readonly kind: TypeKind;
  /** `format_type()` of the column as declared, e.g. `character varying(255)[]`. */
  readonly sql: string;
  readonly arrayDimensions: number;
  /** Character length limit of varchar/char (and bit types), else null. */
  readonly length: number | null;
  /** numeric precision / time precision, else null. */
  readonly precision: number | null;
  /** numeric scale, else null. */
  readonly scale: number | null;
}

export type IdentityKind = 'always' | 'by-default';
export type GeneratedKind = 'stored' | 'virtual';

export interface Column {
  readonly name: string;
  /** 1-based position among the table's live columns (dropped columns do not count). */
  readonly position: number;
  readonly type: TypeRef;
  readonly nullable: boolean;
  /** The default expression as PostgreSQL prints it (`pg_get_expr`), or null. */
  readonly default: string | null;
  readonly identity: IdentityKind | null;
  /** Generated column kind; its expression is in `default` for stored columns. */
  readonly generated: GeneratedKind | null;
  readonly comment: string | null;
}

export interface KeyConstraint {
  readonly name: string;
  readonly columns: readonly string[];
}

export type ForeignKeyAction = 'no-action' | 'restrict' | 'cascade' | 'set-null' | 'set-default';

export interface ForeignKey {
  readonly name: string;
  /** Holder columns, paired by position with `references.columns`. */
  readonly columns: readonly string[];
  readonly references: QualifiedName & { readonly columns: readonly string[] };
  readonly onUpdate: ForeignKeyAction;
  readonly onDelete: ForeignKeyAction;
}

export interface CheckConstraint {
  readonly name: string;
  /** `pg_get_constraintdef` text, e.g. `CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))`. */
  readonly expression: string;
  /** Columns the check mentions, in table order. */
  readonly columns: readonly string[];
}

export interface Index {
  readonly name: string;
  /** Key columns in index order; `null` marks an expression key. */
  readonly columns: readonly (string | null)[];
  readonly unique: boolean;
  readonly primary: boolean;
  /** The index method (btree, gin, …). */
  readonly method: string;
  /** The WHERE clause of a partial index, else null. */
  readonly predicate: string | null;
  /** `pg_get_indexdef` text of expression and partial indexes; null for plain column indexes. */
  readonly definition: string | null;
}

export type TableKind = 'table' | 'partitioned';

export interface Table extends QualifiedName {
  readonly kind: TableKind;
  readonly comment: string | null;
  readonly columns: readonly Column[];
  readonly primaryKey: KeyConstraint | null;
  readonly uniqueConstraints: readonly KeyConstraint[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly CheckConstraint[];
  readonly indexes: readonly Index[];
  /** Partitions of a partitioned table (not listed as tables of their own). */
  readonly partitions: readonly QualifiedName[];
}

export type ViewKind = 'view' | 'materialized';

export interface View extends QualifiedName {
  readonly kind: ViewKind;
  readonly comment: string | null;
  readonly columns: readonly Column[];
}

export interface EnumType extends QualifiedName {
  /** Labels in their declared sort order. */
  readonly labels: readonly string[];
  readonly comment: string | null;
}

export interface DomainType extends QualifiedName {
  /** The type the domain is over; `kind: 'domain'` when it is a domain over a domain. */
  readonly baseType: TypeRef;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly checks: readonly { readonly name: string; readonly expression: string }[];
  readonly comment: string | null;
}

export interface CompositeType extends QualifiedName {
  readonly attributes: readonly { readonly name: string; readonly type: TypeRef }[];
  readonly comment: string | null;
}

export interface RangeType extends QualifiedName {
  readonly subtype: TypeRef;
  /** The matching multirange type name (PostgreSQL 14+), else null. */
  readonly multirange: string | null;
  readonly comment: string | null;
}

export interface SchemaInfo {
  readonly name: string;
  readonly comment: string | null;
}

export type SnapshotSourceKind = 'database' | 'sql-file' | 'snapshot';

/** Facts about where a snapshot came from; not part of the fingerprint. */
export interface SnapshotMeta {
  readonly source: {
    readonly kind: SnapshotSourceKind;
    /** `host:port/database` (never credentials) or the file's name. */
    readonly description: string;
  };
  /** `server_version` of the database that was read. */
  readonly serverVersion: string;
}

export interface SchemaSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /** `sha256:<hex>` of the canonical content (everything but `fingerprint` and `meta`). */
  readonly fingerprint: string;
  readonly meta: SnapshotMeta;
  readonly schemas: readonly SchemaInfo[];
  readonly tables: readonly Table[];
  readonly views: readonly View[];
  readonly enums: readonly EnumType[];
  readonly domains: readonly DomainType[];
  readonly compositeTypes: readonly CompositeType[];
  readonly ranges: readonly RangeType[];
}

/** A snapshot before its fingerprint is computed. */
export type UnsignedSnapshot = Omit<SchemaSnapshot, 'fingerprint'>;
