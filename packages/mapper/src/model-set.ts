/**
 * The model set: what the mapper hands to the renderer.
 *
 * Everything a template needs is precomputed here so that templates hold no naming, typing or
 * relationship logic: identifiers are final (unique, valid Zero names, never JavaScript reserved
 * words), Zero builder calls are spelled out, and every cross reference uses a model `key`
 * (`schema.table`) that can be looked up in `ModelSet.models`.
 *
 * Client-side names (Zero column and table names) are used everywhere a field list appears
 * (primary keys, relationship fields, finders); `serverName` fields carry the database names.
 */

import type { TypeRef } from '@rr/schema';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable code, e.g. `RR_UNSUPPORTED_TYPE`; see `DIAGNOSTIC_CODES`. */
  readonly code: string;
  /** `schema`, `schema.table` or `schema.table.column` (or `config.<key>` for configuration). */
  readonly where: string;
  readonly message: string;
}

/** A type-only import a generated module needs, e.g. `import type { Settings } from './settings.js'`. */
export interface TypeImport {
  /** The exported name to import. */
  readonly name: string;
  /** Module specifier, written as given. */
  readonly from: string;
}

/** The Zero column builders: `string()`, `number()`, `boolean()`, `json<T>()`, `enumeration<T>()`. */
export type ZeroBuilder = 'string' | 'number' | 'boolean' | 'json' | 'enumeration';

export interface ZeroColumnType {
  readonly builder: ZeroBuilder;
  /** Type argument of the builder call, or null for a bare `json()` / `string()` etc. */
  readonly typeArgument: string | null;
  /** The builder call alone: `json<Settings>()`, `enumeration<PostStatus>()`, `string()`. */
  readonly call: string;
  /** The full chain for `.columns({...})`: call, `.from('db_name')` when needed, `.optional()` when nullable. */
  readonly expression: string;
}

/** Where a column's type came from, in decreasing precedence. */
export type TypeSource =
  | 'column-override'
  | 'comment-tag'
  | 'type-override'
  | 'check-constraint'
  | 'enum'
  | 'builtin';

/** Zero carries these Postgres types as epoch milliseconds. */
export type TemporalKind = 'date' | 'time' | 'timestamp';

export interface ColumnValidation {
  readonly nullable: boolean;
  /** varchar(n) / char(n) limit, else null. */
  readonly maxLength: number | null;
  /** True for char(n)/bpchar, whose values are padded to `maxLength`. */
  readonly fixedLength: boolean;
  /** Labels of an enum or of a `CHECK (col IN (...))` constraint, else null. */
  readonly allowedValues: readonly string[] | null;
  /** True for int2/int4/int8 columns (and their arrays). */
  readonly integer: boolean;
  /** numeric precision and scale, else null. */
  readonly precision: number | null;
  readonly scale: number | null;
  /** Array dimensions (0 when not an array). */
  readonly arrayDimensions: number;
}

/** A JSON value: what literal defaults and configuration values are made of. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * A column's database default, classified so mutators can decide what to fill on the client.
 * `sql` is always the expression as PostgreSQL printed it.
 */
export type ColumnDefault =
  /** A literal, converted to the column's client type; `tsLiteral` is ready to print. */
  | { readonly kind: 'literal'; readonly sql: string; readonly value: JsonValue; readonly tsLiteral: string }
  /** now(), CURRENT_TIMESTAMP, CURRENT_DATE, …: the client can use `Date.now()`. */
  | { readonly kind: 'now'; readonly sql: string }
  /** gen_random_uuid() and friends: the client can use `crypto.randomUUID()`. */
  | { readonly kind: 'uuid'; readonly sql: string; readonly function: string }
  /** nextval(): only the server can produce it. */
  | { readonly kind: 'sequence'; readonly sql: string; readonly sequence: string }
  /** An identity column: only the server can produce it. */
  | { readonly kind: 'identity'; readonly sql: null; readonly generation: 'always' | 'by-default' }
  /** A generated column: computed by the server, never written. */
  | { readonly kind: 'generated'; readonly sql: string | null }
  /** Any other expression: evaluated by the server. */
  | { readonly kind: 'expression'; readonly sql: string };

export type ColumnDefaultKind = ColumnDefault['kind'];

/** What a generated `create` mutator should put in a column the caller left out. */
export type ClientFill =
  | { readonly kind: 'literal'; readonly tsLiteral: string }
  | { readonly kind: 'now' }
  | { readonly kind: 'uuid' };

export interface ModelColumn {
  /** Client name: the key in `.columns({...})` and in every field list. */
  readonly name: string;
  /** Database column name. */
  readonly serverName: string;
  /** Argument for `.from()`, or null when the client name equals the database name. */
  readonly from: string | null;
  readonly position: number;
  readonly comment: string | null;
  readonly zero: ZeroColumnType;
  /** The TypeScript value type without null: `string`, `number`, `PostStatus`, `string[]`, `Settings`. */
  readonly tsType: string;
  /** `tsType`, with `| null` when nullable: the read type. */
  readonly rowType: string;
  /** The value type in inserts (as `rowType`); whether the key may be left out is `insertOptional`. */
  readonly insertType: string;
  readonly nullable: boolean;
  /** Whether the insert type lets the caller leave this column out (see `insertDefaults`). */
  readonly insertOptional: boolean;
  /** False for generated columns and GENERATED ALWAYS identities: mutators must never write them. */
  readonly insertable: boolean;
  readonly primaryKey: boolean;
  readonly typeSource: TypeSource;
  /** Name of the shared union in `ModelSet.enums` when this column (or its array element) is an enum. */
  readonly enumName: string | null;
  /** Epoch-millisecond kind for date/time columns, else null. */
  readonly temporal: TemporalKind | null;
  /** True when Zero's number cannot hold every value exactly (int8, wide numeric). */
  readonly precisionLoss: boolean;
  /** The Postgres type as the snapshot describes it (for arrays: the element type, with dimensions). */
  readonly postgres: TypeRef;
  readonly validation: ColumnValidation;
  readonly default: ColumnDefault | null;
  /** What a create mutator fills on the client when the caller omits the column, or null. */
  readonly clientFill: ClientFill | null;
  /** Type imports this column's TypeScript type needs. */
  readonly imports: readonly TypeImport[];
}

/** One step of a Zero relationship: exactly the arguments of `one()` / `many()`. */
export interface RelationshipHop {
  readonly sourceField: readonly string[];
  readonly destField: readonly string[];
  /** Zero table name of the destination (what `destSchema` refers to). */
  readonly destSchema: string;
  /** Model key of the destination. */
  readonly destModel: string;
}

export type RelationshipKind = 'belongs-to' | 'has-many' | 'has-one' | 'many-to-many';
export type RelationshipOrigin = 'foreign-key' | 'convention' | 'polymorphic';

export interface Relationship {
  /** Unique among the model's columns and relationships. */
  readonly name: string;
  /** Zero's `one` or `many`. */
  readonly cardinality: 'one' | 'many';
  readonly kind: RelationshipKind;
  readonly origin: RelationshipOrigin;
  /** The foreign-key constraint it comes from (the junction's far key for many-to-many), or null. */
  readonly constraint: string | null;
  /** One hop, or two for many-to-many through a junction table (Zero allows at most two). */
  readonly hops: readonly RelationshipHop[];
  /** Model key and model name of the final destination. */
  readonly target: string;
  readonly targetModel: string;
  /** Model key of the junction table for many-to-many, else null. */
  readonly through: string | null;
  /** For `one`: true when the source fields can be null, so no row may match. */
  readonly optional: boolean;
  /** Name of the matching relationship on the target model, or null when there is none. */
  readonly inverse: string | null;
  /**
   * Polymorphic relationships only: queries must filter rows on the type column.
   * `side: 'source'` filters this model's rows, `'destination'` the related rows.
   */
  readonly typeFilter: {
    readonly side: 'source' | 'destination';
    readonly column: string;
    readonly value: string;
  } | null;
}

export interface PolymorphicTarget {
  /** Value stored in the type column (a Rails class name). */
  readonly typeValue: string;
  readonly model: string;
  readonly modelName: string;
  /** The typed `one` relationship on the holder. */
  readonly relationship: string;
}

/** A Rails polymorphic pair `<name>_type` + `<name>_id`. */
export interface PolymorphicAssociation {
  /** camelCase association name, e.g. `invoiceable`. */
  readonly name: string;
  readonly typeColumn: string;
  readonly idColumn: string;
  /** Configured targets; empty when none were configured (the pair is only recorded). */
  readonly targets: readonly PolymorphicTarget[];
}

export interface ModelBehaviours {
  /** Client column names the mutators set, or null. */
  readonly timestamps: { readonly createdAt: string | null; readonly updatedAt: string | null };
  /** `discard` (discarded_at) or `paranoia` (deleted_at): kept/discarded scopes and discard/undiscard. */
  readonly softDelete: { readonly column: string; readonly style: 'discard' | 'paranoia' } | null;
}

/** A column set a finder looks rows up by. */
export interface KeyFinder {
  /** Constraint or index name (the primary key's name for the primary key). */
  readonly source: string;
  readonly columns: readonly string[];
  /** `byId`, `byEmail`, `byUserIdAndSlug`. */
  readonly finderName: string;
}

export interface BelongsToFinder {
  readonly relationship: string;
  readonly columns: readonly string[];
  readonly finderName: string;
  readonly target: string;
}

export interface PolymorphicFinder {
  readonly association: string;
  readonly typeColumn: string;
  readonly idColumn: string;
  /** `byInvoiceable`: filters on both columns. */
  readonly finderName: string;
  readonly typeValues: readonly string[];
}

export interface ModelQueryInputs {
  readonly primaryKey: KeyFinder;
  /** Unique constraints and unique indexes other than the primary key, whose columns are all synced. */
  readonly uniqueKeys: readonly KeyFinder[];
  readonly belongsTo: readonly BelongsToFinder[];
  readonly polymorphic: readonly PolymorphicFinder[];
}

export interface Model {
  /** `schema.table`: the stable identity every cross reference uses. */
  readonly key: string;
  readonly schema: string;
  readonly table: string;
  readonly tableKind: 'table' | 'partitioned';
  readonly comment: string | null;
  /** Zero table name: `table('...')`, `zql.<zeroName>`, `destSchema`. */
  readonly zeroName: string;
  /** Argument for `.from()`: `table` or `schema.table`; null when it equals `zeroName` in public. */
  readonly from: string | null;
  /** PascalCase singular: the model class name. */
  readonly modelName: string;
  /** kebab-case singular, without extension; unique even on a case-insensitive file system. */
  readonly fileName: string;
  /** Derived TypeScript type names, reserved so nothing else takes them. */
  readonly typeNames: { readonly row: string; readonly insert: string; readonly update: string };
  /** camelCase singular and plural of the model, for variables and query namespaces. */
  readonly singularName: string;
  readonly pluralName: string;
  readonly columns: readonly ModelColumn[];
  /** Client column names for `.primaryKey(...)`. */
  readonly primaryKey: readonly string[];
  /** Where the primary key came from: the constraint, or a non-null unique index standing in. */
  readonly primaryKeySource: { readonly kind: 'primary-key' | 'unique-index'; readonly name: string };
  readonly relationships: readonly Relationship[];
  readonly polymorphic: readonly PolymorphicAssociation[];
  readonly behaviours: ModelBehaviours;
  readonly queries: ModelQueryInputs;
  /** Union of the columns' imports, sorted and deduplicated. */
  readonly imports: readonly TypeImport[];
  /** Database columns left out, with why (each also has a diagnostic). */
  readonly omittedColumns: readonly { readonly name: string; readonly reason: string }[];
}

/** One named TypeScript union per Postgres enum used by a synced column. */
export interface EnumUnion {
  /** `schema.name` of the Postgres enum. */
  readonly key: string;
  readonly schema: string;
  readonly pgName: string;
  /** PascalCase union name, unique among model and enum type names. */
  readonly name: string;
  readonly labels: readonly string[];
  /** `'a' | 'b'` (or `never` for an enum without labels). */
  readonly tsType: string;
  readonly comment: string | null;
  /** `schema.table.column` of every synced column that uses it. */
  readonly usedBy: readonly string[];
}

export interface MapperStats {
  readonly tables: number;
  readonly views: number;
  readonly models: number;
  readonly columns: number;
  readonly omittedColumns: number;
  readonly relationships: number;
  readonly enums: number;
  /** Memoised type resolution: a hit is a column whose type was already resolved. */
  readonly typeCache: { readonly hits: number; readonly misses: number };
  readonly diagnostics: { readonly error: number; readonly warning: number; readonly info: number };
}

export interface ModelSet {
  /** Sorted by key. */
  readonly models: readonly Model[];
  /** Sorted by key. */
  readonly enums: readonly EnumUnion[];
  /** Every type import any model needs, sorted and deduplicated. */
  readonly imports: readonly TypeImport[];
  /** Sorted by where, code, message. */
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: MapperStats;
}
