/**
 * First pass over one selected table: each column's type, which columns are left out and why,
 * and the primary key Zero will use. Names come later, once every kept table is known.
 */

import type { Column, Table } from '@rr/schema';
import type { ColumnOverride, MapperConfig } from '../config.js';
import type { DiagnosticCode, DiagnosticSink } from '../diagnostics.js';
import { choosePrimaryKey, uniqueKeys, type UniqueKey } from '../keys/table-keys.js';
import { columnKey, tableKey } from '../order.js';
import { parseCheckUnion, type CheckUnion } from '../types/check-union.js';
import { naturalColumnType, resolveColumnType, type ColumnTypeCache, type ColumnTypeDraft } from '../types/column-type.js';
import { builtinType } from '../types/postgres-types.js';
import type { TypeResolver } from '../types/resolve-type.js';
import { parseTypeTag } from '../types/type-tag.js';

export interface ColumnDraft {
  readonly column: Column;
  /** `schema.table.column`. */
  readonly key: string;
  readonly type: ColumnTypeDraft;
  readonly override: ColumnOverride | undefined;
  /** Declared as text/varchar/char (not an array): can hold a Rails polymorphic type name. */
  readonly declaredTextual: boolean;
}

export interface TableDraft {
  readonly key: string;
  readonly table: Table;
  /** Synced columns, by position. */
  readonly columns: readonly ColumnDraft[];
  readonly columnsByName: ReadonlyMap<string, ColumnDraft>;
  /** Database column name → why it is left out. */
  readonly omitted: ReadonlyMap<string, string>;
  readonly primaryKey: { readonly kind: 'primary-key' | 'unique-index'; readonly name: string; readonly columns: readonly string[] };
  /** Unique column sets whose columns are all synced (primary key first). */
  readonly uniqueKeys: readonly UniqueKey[];
}

export interface DraftContext {
  readonly config: MapperConfig;
  readonly resolver: TypeResolver;
  readonly typeCache: ColumnTypeCache;
  readonly sink: DiagnosticSink;
  /** Whether config overrides any column: most do not, and the lookup needs the column's key. */
  readonly hasColumnOverrides: boolean;
  /** Marks a column override as used (for unused-override reporting). */
  readonly useColumnOverride: (key: string) => ColumnOverride | undefined;
}

interface PendingReport {
  readonly code: DiagnosticCode;
  readonly where: string;
  readonly message: string;
}

const NO_UNIONS: ReadonlyMap<string, CheckUnion> = new Map();
const NO_OMISSIONS: ReadonlyMap<string, string> = new Map();

/** `CHECK (col IN (...))` unions by column; the first such check (by name) wins. */
function checkUnions(table: Table): ReadonlyMap<string, CheckUnion> {
  if (table.checks.length === 0) return NO_UNIONS;
  const unions = new Map<string, CheckUnion>();
  for (const check of table.checks) {
    if (check.columns.length !== 1) continue;
    const union = parseCheckUnion(check.expression);
    if (union === null || union.column !== check.columns[0] || unions.has(union.column)) continue;
    unions.set(union.column, union);
  }
  return unions;
}

function overrideHint(key: string, column: Column): string {
  if (column.type.kind === 'domain') {
    return ` To sync it, map the domain in config: types["${column.type.schema}.${column.type.name}"] = { "zero": "…" }.`;
  }
  return ` To sync it anyway, map it in config: columns["${key}"] = { "zero": "…" }.`;
}

/**
 * A synced column's draft. Its `schema.table.column` key is built when asked (diagnostics,
 * enum users, config lookups): most columns never need it, and thousands of joined strings
 * kept for the whole run would only be work for the garbage collector.
 */
class SyncedColumn implements ColumnDraft {
  constructor(
    readonly table: Table,
    readonly column: Column,
    readonly type: ColumnTypeDraft,
    readonly override: ColumnOverride | undefined,
    readonly declaredTextual: boolean,
  ) {}

  get key(): string {
    return columnKey(this.table.schema, this.table.name, this.column.name);
  }
}

/** The table's draft, or null when it cannot be a model (reported). */
export function draftTable(table: Table, context: DraftContext): TableDraft | null {
  const { config, resolver } = context;
  const key = tableKey(table.schema, table.name);
  const reports: PendingReport[] = [];
  const unions = config.checkUnions ? checkUnions(table) : NO_UNIONS;
  const columns: ColumnDraft[] = [];
  const columnsByName = new Map<string, ColumnDraft>();
  // Created on the first omission: most tables sync every column.
  let omitted: Map<string, string> | null = null;

  for (const column of table.columns) {
    const override = context.hasColumnOverrides ? context.useColumnOverride(columnKey(table.schema, table.name, column.name)) : undefined;
    if (override?.omit === true) {
      (omitted ??= new Map()).set(column.name, 'left out by config');
      continue;
    }
    if (column.generated === 'virtual' && override?.zero == null) {
      const reason = 'virtual generated columns are not replicated';
      const where = columnKey(table.schema, table.name, column.name);
      (omitted ??= new Map()).set(column.name, reason);
      reports.push({ code: 'RR_GENERATED_COLUMN_OMITTED', where, message: `${where} is left out: ${reason}, so Zero cannot sync it` });
      continue;
    }
    const tag = config.typeTag.enabled ? parseTypeTag(column.comment, config.typeTag.tag, config.typeTag.importFrom) : null;
    const family = resolver.resolve(column.type);
    const checkUnion = unions.get(column.name) ?? null;
    const result = override === undefined && tag === null && checkUnion === null && family.supported
      ? naturalColumnType(family, column, context.typeCache)
      : resolveColumnType({ column, family, override, tag, tagName: config.typeTag.tag, checkUnion, json: config.json, cache: context.typeCache });
    if (result.problems.length > 0 || !result.ok) {
      const where = columnKey(table.schema, table.name, column.name);
      for (const problem of result.problems) reports.push({ code: problem.code, where, message: `${where}: ${problem.message}` });
    }
    if (!result.ok) {
      const where = columnKey(table.schema, table.name, column.name);
      (omitted ??= new Map()).set(column.name, result.reason);
      reports.push({
        code: 'RR_UNSUPPORTED_TYPE',
        where,
        message: `${where} (${column.type.sql}) is left out: ${result.reason}.${overrideHint(where, column)}`,
      });
      continue;
    }
    const declared = builtinType(column.type.schema, column.type.name);
    const draft = new SyncedColumn(
      table,
      column,
      result.type,
      override,
      column.type.kind === 'base' && column.type.arrayDimensions === 0 && declared?.textual === true,
    );
    columns.push(draft);
    columnsByName.set(column.name, draft);
  }

  const allKeys = uniqueKeys(table);
  const choice = choosePrimaryKey(table, allKeys, {
    omittedBecause: (name) => (columnsByName.has(name) ? null : omitted?.get(name) ?? 'not a column of the table'),
    nullable: (name) => columnsByName.get(name)?.column.nullable ?? true,
  });
  if (!choice.ok) {
    context.sink.report(choice.code, key, choice.message);
    return null;
  }
  for (const report of reports) context.sink.report(report.code, report.where, report.message);
  const synced = (unique: UniqueKey): boolean => unique.columns.every((name) => columnsByName.has(name));
  if (choice.kind === 'unique-index') {
    context.sink.report(
      'RR_PRIMARY_KEY_FROM_UNIQUE_INDEX',
      key,
      `${key} has no primary key; the unique index ${choice.name} (${choice.columns.join(', ')}) is used as Zero's primary key`,
    );
  }
  return {
    key,
    table,
    columns,
    columnsByName,
    omitted: omitted ?? NO_OMISSIONS,
    primaryKey: { kind: choice.kind, name: choice.name, columns: choice.columns },
    uniqueKeys: allKeys.every(synced) ? allKeys : allKeys.filter(synced),
  };
}
