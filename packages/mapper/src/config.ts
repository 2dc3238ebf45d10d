/**
 * Mapper configuration: what a user writes (all optional) and the fully defaulted form the
 * mapper runs on. `resolveMapperConfig` validates strictly, unknown keys included, because a
 * typo in a config key would otherwise silently change generated code.
 */

import { DIAGNOSTIC_CODES, isDiagnosticCode } from './diagnostics.js';
import type { Severity, TypeImport, ZeroBuilder } from './model-set.js';
import { compareCodePoints } from './order.js';
import { importableIdentifier } from './types/type-tag.js';

export type RelationshipSources = 'foreign-keys' | 'conventions' | 'both';

/** Whether NOT NULL columns that have a database default may be left out of inserts. */
export type InsertDefaultsPolicy = 'optional' | 'required';

/** A module to import a type from; `name` defaults to the leading identifier of the TS type. */
export interface TypeImportInput {
  readonly from: string;
  readonly name?: string;
}

export interface TypeOverrideInput {
  /** Zero builder to use; `enumeration` needs `tsType` (the union). */
  readonly zero?: ZeroBuilder;
  /** TypeScript type: the `T` of `json<T>()` / `enumeration<T>()`. */
  readonly tsType?: string;
  /** Where `tsType` comes from: a module specifier, or `{ from, name }`. */
  readonly import?: string | TypeImportInput;
}

export interface ColumnOverrideInput extends TypeOverrideInput {
  /** Client column name to use instead of the derived one. */
  readonly name?: string;
  /** Leave the column out of the model. */
  readonly omit?: boolean;
}

export interface TableOverrideInput {
  /** Zero table name. */
  readonly name?: string;
  /** Model (class) name. */
  readonly model?: string;
}

/** A polymorphic target: a model name (`Invoice`), a table (`public.invoices`), or the object form. */
export type PolymorphicTargetInput =
  | string
  | { readonly model?: string; readonly table?: string; readonly typeValue?: string };

export interface MapperConfigInput {
  /** Globs on `schema.table`; a pattern without a dot matches the table name in any schema. */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Globs of framework tables left out unless `includeFrameworkTables`. */
  readonly frameworkTables?: readonly string[];
  readonly includeFrameworkTables?: boolean;
  /** Per table (`schema.table`, or `table` for public). */
  readonly tables?: Readonly<Record<string, TableOverrideInput>>;
  /** Per column (`schema.table.column`, or `table.column` for public). */
  readonly columns?: Readonly<Record<string, ColumnOverrideInput>>;
  /** Per Postgres type (`schema.type`, or a bare type name matching any schema). */
  readonly types?: Readonly<Record<string, TypeOverrideInput>>;
  /** JSON column types from database comments, e.g. `@type Settings from './settings.js'`. */
  readonly typeTag?: {
    readonly enabled?: boolean;
    readonly tag?: string;
    /** Module for tags that do not say `from`; null means the type must be global. */
    readonly importFrom?: string | null;
  };
  /** TypeScript type of JSON columns with no override or tag. */
  readonly json?: { readonly tsType?: string; readonly import?: string | TypeImportInput | null };
  /** Turn `CHECK (col IN (...))` on string columns into union types. */
  readonly checkUnions?: boolean;
  readonly relationships?: {
    readonly sources?: RelationshipSources;
    readonly manyToMany?: boolean;
    /** Generate the inverse side (`many`/`one` on the referenced table). */
    readonly inverses?: boolean;
    /** `schema.table.<name>` → configured targets, `<name>` being the pair's prefix (`invoiceable`). */
    readonly polymorphic?: Readonly<Record<string, readonly PolymorphicTargetInput[]>>;
    /** `schema.table.<generated name or constraint name>` → relationship name. */
    readonly names?: Readonly<Record<string, string>>;
  };
  readonly timestamps?: { readonly createdAt?: readonly string[]; readonly updatedAt?: readonly string[] };
  readonly softDelete?: { readonly discard?: readonly string[]; readonly paranoia?: readonly string[] };
  readonly insertDefaults?: InsertDefaultsPolicy;
  readonly names?: {
    /** Keep database names for columns and Zero table names instead of camelCase. */
    readonly keepDatabaseNames?: boolean;
    /** Schemas whose tables get no prefix (besides `.from('schema.table')`). */
    readonly unprefixedSchemas?: readonly string[];
    /** Prefix per schema for the other schemas; default: the schema name. */
    readonly schemaPrefixes?: Readonly<Record<string, string>>;
    readonly inflections?: {
      /** singular → plural pairs, e.g. `{ "person": "people" }`. */
      readonly irregular?: Readonly<Record<string, string>>;
      readonly uncountable?: readonly string[];
    };
  };
  /** Diagnostic code → severity, or `off` to silence it. */
  readonly diagnostics?: Readonly<Record<string, Severity | 'off'>>;
}

export interface TypeOverride {
  readonly zero: ZeroBuilder | null;
  readonly tsType: string | null;
  readonly import: TypeImport | null;
}

export interface ColumnOverride extends TypeOverride {
  readonly name: string | null;
  readonly omit: boolean;
}

export interface TableOverride {
  readonly name: string | null;
  readonly model: string | null;
}

export interface PolymorphicTargetConfig {
  readonly model: string | null;
  readonly table: string | null;
  readonly typeValue: string | null;
}

export interface MapperConfig {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly frameworkTables: readonly string[];
  readonly includeFrameworkTables: boolean;
  /** Keys normalised to `schema.table`. */
  readonly tables: Readonly<Record<string, TableOverride>>;
  /** Keys normalised to `schema.table.column`. */
  readonly columns: Readonly<Record<string, ColumnOverride>>;
  readonly types: Readonly<Record<string, TypeOverride>>;
  readonly typeTag: { readonly enabled: boolean; readonly tag: string; readonly importFrom: string | null };
  readonly json: { readonly tsType: string; readonly import: TypeImport | null };
  readonly checkUnions: boolean;
  readonly relationships: {
    readonly sources: RelationshipSources;
    readonly manyToMany: boolean;
    readonly inverses: boolean;
    readonly polymorphic: Readonly<Record<string, readonly PolymorphicTargetConfig[]>>;
    readonly names: Readonly<Record<string, string>>;
  };
  readonly timestamps: { readonly createdAt: readonly string[]; readonly updatedAt: readonly string[] };
  readonly softDelete: { readonly discard: readonly string[]; readonly paranoia: readonly string[] };
  readonly insertDefaults: InsertDefaultsPolicy;
  readonly names: {
    readonly keepDatabaseNames: boolean;
    readonly unprefixedSchemas: readonly string[];
    readonly schemaPrefixes: Readonly<Record<string, string>>;
    readonly inflections: {
      readonly irregular: Readonly<Record<string, string>>;
      readonly uncountable: readonly string[];
    };
  };
  readonly diagnostics: Readonly<Record<string, Severity | 'off'>>;
}

/** A configuration value that cannot be used; `key` is the path to it, e.g. `relationships.sources`. */
export class MapperConfigError extends Error {
  override readonly name = 'MapperConfigError';
  /** Bad input, not a failure of rr: the CLI exits 2 on `RR_` codes. */
  readonly code = 'RR_MAPPER_CONFIG';
  readonly key: string;
  /** The message without the key. */
  readonly reason: string;
  /** Set for an unknown key: the key itself and the keys allowed where it stands, so a caller can suggest the closest. */
  readonly unknownKey: { readonly key: string; readonly allowed: readonly string[] } | null;

  constructor(key: string, message: string, unknownKey: MapperConfigError['unknownKey'] = null) {
    super(`mapper config ${key}: ${message}`);
    this.key = key;
    this.reason = message;
    this.unknownKey = unknownKey;
  }
}

export const DEFAULT_FRAMEWORK_TABLES: readonly string[] = ['schema_migrations', 'ar_internal_metadata'];

export const DEFAULT_JSON_TYPE: { readonly tsType: string; readonly import: TypeImport } = {
  tsType: 'ReadonlyJSONValue',
  import: { name: 'ReadonlyJSONValue', from: '@rocicorp/zero' },
};

const ZERO_BUILDERS: readonly ZeroBuilder[] = ['string', 'number', 'boolean', 'json', 'enumeration'];
const SOURCES: readonly RelationshipSources[] = ['foreign-keys', 'conventions', 'both'];
const SEVERITIES: readonly (Severity | 'off')[] = ['error', 'warning', 'info', 'off'];
const ZERO_NAME = /^[A-Za-z_]+[A-Za-z0-9_-]*$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

type Path = string;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(path: Path, key: string): Path {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function objectAt(value: unknown, path: Path, allowed: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new MapperConfigError(path || '(root)', 'must be an object');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new MapperConfigError(child(path, key), `unknown key; expected one of ${allowed.join(', ')}`, { key, allowed });
    }
  }
  return value;
}

function recordAt(value: unknown, path: Path): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new MapperConfigError(path, 'must be an object');
  return value;
}

function booleanAt(value: unknown, path: Path, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new MapperConfigError(path, 'must be true or false');
  return value;
}

function stringAt(value: unknown, path: Path): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MapperConfigError(path, 'must be a non-empty string');
  }
  return value;
}

/** `null` counts as absent, so a resolved config resolves to itself. */
function optionalStringAt(value: unknown, path: Path): string | null {
  return value === undefined || value === null ? null : stringAt(value, path);
}

function stringListAt(value: unknown, path: Path, fallback: readonly string[]): readonly string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) throw new MapperConfigError(path, 'must be a list of strings');
  return value.map((item, index) => stringAt(item, `${path}[${index}]`));
}

function oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new MapperConfigError(path, `must be one of ${allowed.map((v) => `'${v}'`).join(', ')}`);
  }
  return value as T;
}

function zeroNameAt(value: unknown, path: Path): string {
  const name = stringAt(value, path);
  if (!ZERO_NAME.test(name)) {
    throw new MapperConfigError(path, `'${name}' is not a valid Zero name (letters, digits, _ and -, not starting with a digit)`);
  }
  return name;
}

function importAt(value: unknown, path: Path, tsType: string | null): TypeImport | null {
  if (value === undefined || value === null) return null;
  const from = typeof value === 'string' ? stringAt(value, path) : stringAt(objectAt(value, path, ['from', 'name'])['from'], child(path, 'from'));
  const explicitName = isRecord(value) && value['name'] !== undefined && value['name'] !== null ? stringAt(value['name'], child(path, 'name')) : null;
  const name = explicitName ?? (tsType === null ? null : importableIdentifier(tsType));
  if (name === null) {
    throw new MapperConfigError(path, 'cannot tell which name to import: give { "from": …, "name": … }');
  }
  if (!IDENTIFIER.test(name)) throw new MapperConfigError(child(path, 'name'), `'${name}' is not an identifier`);
  return { name, from };
}

function typeOverrideAt(value: unknown, path: Path, extra: readonly string[]): { override: TypeOverride; raw: Record<string, unknown> } {
  const raw = objectAt(value ?? {}, path, ['zero', 'tsType', 'import', ...extra]);
  const zero = raw['zero'] === undefined || raw['zero'] === null ? null : oneOf(raw['zero'], child(path, 'zero'), ZERO_BUILDERS, 'string');
  const tsType = optionalStringAt(raw['tsType'], child(path, 'tsType'));
  if (zero === 'enumeration' && tsType === null) {
    throw new MapperConfigError(child(path, 'tsType'), "is required with zero: 'enumeration' (the union of allowed strings)");
  }
  if ((zero === 'number' || zero === 'boolean') && tsType !== null) {
    throw new MapperConfigError(child(path, 'tsType'), `cannot be set with zero: '${zero}' (Zero types only json and enumeration columns)`);
  }
  const typeImport = importAt(raw['import'], child(path, 'import'), tsType);
  if (typeImport !== null && tsType === null) {
    throw new MapperConfigError(child(path, 'import'), 'needs tsType');
  }
  return { override: { zero, tsType, import: typeImport }, raw };
}

/** `table.column` means `public.table.column`; anything else must have three parts. */
function normaliseKey(key: string, parts: 2 | 3, path: Path): string {
  const split = key.split('.');
  if (split.some((part) => part === '')) throw new MapperConfigError(path, `'${key}' has an empty part`);
  if (split.length === parts) return key;
  if (split.length === parts - 1) return `public.${key}`;
  const shape = parts === 3 ? 'schema.table.column' : 'schema.table';
  throw new MapperConfigError(path, `'${key}' must look like ${shape}`);
}

/**
 * Null-prototype, because the mapper looks these records up by database names: a type, schema or
 * table called `constructor` or `toString` must find nothing, not `Object.prototype`'s member,
 * and a config key `__proto__` must stay a key.
 */
function sortedRecord<T>(entries: readonly (readonly [string, T])[]): Record<string, T> {
  const result = Object.create(null) as Record<string, T>;
  for (const [key, value] of [...entries].sort((a, b) => compareCodePoints(a[0], b[0]))) result[key] = value;
  return result;
}

function polymorphicTargetAt(value: unknown, path: Path): PolymorphicTargetConfig {
  if (typeof value === 'string') {
    const text = stringAt(value, path);
    return text.includes('.') ? { model: null, table: text, typeValue: null } : { model: text, table: null, typeValue: null };
  }
  const raw = objectAt(value, path, ['model', 'table', 'typeValue']);
  const model = optionalStringAt(raw['model'], child(path, 'model'));
  const table = optionalStringAt(raw['table'], child(path, 'table'));
  if ((model === null) === (table === null)) throw new MapperConfigError(path, 'give exactly one of model or table');
  return {
    model,
    table: table === null ? null : normaliseKey(table, 2, child(path, 'table')),
    typeValue: optionalStringAt(raw['typeValue'], child(path, 'typeValue')),
  };
}

/**
 * Validates a user configuration and fills every default. Throws `MapperConfigError`.
 * Resolving an already resolved configuration gives it back unchanged.
 */
export function resolveMapperConfig(input: MapperConfigInput | MapperConfig | undefined = {}): MapperConfig {
  const root = objectAt(input, '', [
    'include', 'exclude', 'frameworkTables', 'includeFrameworkTables', 'tables', 'columns', 'types',
    'typeTag', 'json', 'checkUnions', 'relationships', 'timestamps', 'softDelete', 'insertDefaults',
    'names', 'diagnostics',
  ]);

  const tables = Object.entries(recordAt(root['tables'], 'tables')).map(([key, value]) => {
    const path = child('tables', key);
    const raw = objectAt(value, path, ['name', 'model']);
    const name = raw['name'] === undefined || raw['name'] === null ? null : zeroNameAt(raw['name'], child(path, 'name'));
    const model = optionalStringAt(raw['model'], child(path, 'model'));
    if (model !== null && !IDENTIFIER.test(model)) throw new MapperConfigError(child(path, 'model'), `'${model}' is not an identifier`);
    return [normaliseKey(key, 2, path), { name, model }] as const;
  });

  const columns = Object.entries(recordAt(root['columns'], 'columns')).map(([key, value]) => {
    const path = child('columns', key);
    const { override, raw } = typeOverrideAt(value, path, ['name', 'omit']);
    const name = raw['name'] === undefined || raw['name'] === null ? null : zeroNameAt(raw['name'], child(path, 'name'));
    return [normaliseKey(key, 3, path), { ...override, name, omit: booleanAt(raw['omit'], child(path, 'omit'), false) }] as const;
  });

  const types = Object.entries(recordAt(root['types'], 'types')).map(([key, value]) => {
    const path = child('types', key);
    const { override } = typeOverrideAt(value, path, []);
    if (override.zero === null) throw new MapperConfigError(child(path, 'zero'), 'is required for a type override');
    return [key, override] as const;
  });

  const typeTagRaw = objectAt(root['typeTag'], 'typeTag', ['enabled', 'tag', 'importFrom']);
  const tag = typeTagRaw['tag'] === undefined ? '@type' : stringAt(typeTagRaw['tag'], 'typeTag.tag');
  if (/\s/.test(tag)) throw new MapperConfigError('typeTag.tag', 'must not contain spaces');
  const importFrom = typeTagRaw['importFrom'] === undefined || typeTagRaw['importFrom'] === null
    ? null
    : stringAt(typeTagRaw['importFrom'], 'typeTag.importFrom');

  const jsonRaw = objectAt(root['json'], 'json', ['tsType', 'import']);
  const jsonType = jsonRaw['tsType'] === undefined ? null : stringAt(jsonRaw['tsType'], 'json.tsType');
  if (jsonType === null && jsonRaw['import'] !== undefined) throw new MapperConfigError('json.import', 'needs json.tsType');
  const json = jsonType === null ? DEFAULT_JSON_TYPE : { tsType: jsonType, import: importAt(jsonRaw['import'], 'json.import', jsonType) };

  const relRaw = objectAt(root['relationships'], 'relationships', ['sources', 'manyToMany', 'inverses', 'polymorphic', 'names']);
  const polymorphic = Object.entries(recordAt(relRaw['polymorphic'], 'relationships.polymorphic')).map(([key, value]) => {
    const path = child('relationships.polymorphic', key);
    if (!Array.isArray(value)) throw new MapperConfigError(path, 'must be a list of targets');
    return [normaliseKey(key, 3, path), value.map((item, index) => polymorphicTargetAt(item, `${path}[${index}]`))] as const;
  });
  const relationshipNames = Object.entries(recordAt(relRaw['names'], 'relationships.names')).map(([key, value]) => {
    const path = child('relationships.names', key);
    return [normaliseKey(key, 3, path), zeroNameAt(value, path)] as const;
  });

  const timestampsRaw = objectAt(root['timestamps'], 'timestamps', ['createdAt', 'updatedAt']);
  const softDeleteRaw = objectAt(root['softDelete'], 'softDelete', ['discard', 'paranoia']);

  const namesRaw = objectAt(root['names'], 'names', ['keepDatabaseNames', 'unprefixedSchemas', 'schemaPrefixes', 'inflections']);
  const prefixes = Object.entries(recordAt(namesRaw['schemaPrefixes'], 'names.schemaPrefixes')).map(([schema, value]) => {
    const path = child('names.schemaPrefixes', schema);
    if (typeof value !== 'string') throw new MapperConfigError(path, 'must be a string (empty for no prefix)');
    if (value !== '' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
      throw new MapperConfigError(path, `'${value}' must be letters, digits and _ (not starting with a digit)`);
    }
    return [schema, value] as const;
  });
  const inflectionsRaw = objectAt(namesRaw['inflections'], 'names.inflections', ['irregular', 'uncountable']);
  const irregular = Object.entries(recordAt(inflectionsRaw['irregular'], 'names.inflections.irregular')).map(([singular, plural]) => {
    const path = child('names.inflections.irregular', singular);
    if (!/^[a-z]+$/.test(singular)) throw new MapperConfigError(path, 'the singular must be one lowercase word');
    const value = stringAt(plural, path);
    if (!/^[a-z]+$/.test(value)) throw new MapperConfigError(path, 'the plural must be one lowercase word');
    return [singular, value] as const;
  });
  const uncountable = stringListAt(inflectionsRaw['uncountable'], 'names.inflections.uncountable', []);
  uncountable.forEach((word, index) => {
    if (!/^[a-z]+$/.test(word)) throw new MapperConfigError(`names.inflections.uncountable[${index}]`, 'must be one lowercase word');
  });

  const diagnostics = Object.entries(recordAt(root['diagnostics'], 'diagnostics')).map(([code, value]) => {
    const path = child('diagnostics', code);
    if (!isDiagnosticCode(code)) {
      throw new MapperConfigError(path, `unknown diagnostic code; known codes: ${Object.keys(DIAGNOSTIC_CODES).join(', ')}`);
    }
    return [code, oneOf(value, path, SEVERITIES, 'warning')] as const;
  });

  return {
    include: stringListAt(root['include'], 'include', ['*.*']),
    exclude: stringListAt(root['exclude'], 'exclude', []),
    frameworkTables: stringListAt(root['frameworkTables'], 'frameworkTables', DEFAULT_FRAMEWORK_TABLES),
    includeFrameworkTables: booleanAt(root['includeFrameworkTables'], 'includeFrameworkTables', false),
    tables: sortedRecord(tables),
    columns: sortedRecord(columns),
    types: sortedRecord(types),
    typeTag: { enabled: booleanAt(typeTagRaw['enabled'], 'typeTag.enabled', true), tag, importFrom },
    json,
    checkUnions: booleanAt(root['checkUnions'], 'checkUnions', true),
    relationships: {
      sources: oneOf(relRaw['sources'], 'relationships.sources', SOURCES, 'both'),
      manyToMany: booleanAt(relRaw['manyToMany'], 'relationships.manyToMany', true),
      inverses: booleanAt(relRaw['inverses'], 'relationships.inverses', true),
      polymorphic: sortedRecord(polymorphic),
      names: sortedRecord(relationshipNames),
    },
    timestamps: {
      createdAt: stringListAt(timestampsRaw['createdAt'], 'timestamps.createdAt', ['created_at']),
      updatedAt: stringListAt(timestampsRaw['updatedAt'], 'timestamps.updatedAt', ['updated_at']),
    },
    softDelete: {
      discard: stringListAt(softDeleteRaw['discard'], 'softDelete.discard', ['discarded_at']),
      paranoia: stringListAt(softDeleteRaw['paranoia'], 'softDelete.paranoia', ['deleted_at']),
    },
    insertDefaults: oneOf(root['insertDefaults'], 'insertDefaults', ['optional', 'required'] as const, 'optional'),
    names: {
      keepDatabaseNames: booleanAt(namesRaw['keepDatabaseNames'], 'names.keepDatabaseNames', false),
      unprefixedSchemas: stringListAt(namesRaw['unprefixedSchemas'], 'names.unprefixedSchemas', ['public']),
      schemaPrefixes: sortedRecord(prefixes),
      inflections: { irregular: sortedRecord(irregular), uncountable: [...uncountable].sort(compareCodePoints) },
    },
    diagnostics: sortedRecord(diagnostics),
  };
}
