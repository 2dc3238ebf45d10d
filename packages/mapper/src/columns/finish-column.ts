/**
 * A synced column's final form: names, the Zero builder chain, TS types, validation facts,
 * the classified default and insert optionality.
 */

import type { InsertDefaultsPolicy } from '../config.js';
import { clientFillFor, parseDefault, type DefaultTarget } from '../defaults/parse-default.js';
import type { ClientFill, ColumnDefault, ColumnValidation, ModelColumn, ZeroColumnType } from '../model-set.js';
import type { ColumnDraft } from '../tables/table-draft.js';
import { finishColumnType, zeroColumnType, type ColumnTypeDraft } from '../types/column-type.js';
import { builtinType } from '../types/postgres-types.js';
import { tsString } from '../types/ts-syntax.js';

export interface FinishContext {
  readonly enumName: (key: string) => string;
  readonly enumLabels: (key: string) => readonly string[];
  readonly insertDefaults: InsertDefaultsPolicy;
  /** Per-run memo: see `FinishMemo`. */
  readonly memo: FinishMemo;
}

interface FinishedType extends ReturnType<typeof finishColumnType> {
  readonly nullableTsType: string;
  /** Zero column types by `.from()` name (null: none), then by nullability (index 1: optional). */
  readonly zero: Map<string | null, ZeroColumnType[]>;
  /** Validation facts of columns without length, precision or scale, by nullability + 2 × array dimensions. */
  readonly validations: ColumnValidation[];
  /** Parsed defaults of scalar columns of this type, by default expression. */
  readonly scalarDefaults: Map<string, ParsedDefault>;
  /** What a literal default of a scalar column of this type converts to; a memo cell, set when first needed. */
  scalarTarget: DefaultTarget | null;
}

interface ParsedDefault {
  readonly value: ColumnDefault | null;
  readonly fill: ClientFill | null;
}

/**
 * What finishing a column computes from its type draft alone. Columns without anything
 * column-specific share their draft (see `ColumnTypeCache`), so the builder call, the TS types,
 * the Zero column type (per `.from()` name and nullability), the validation facts (when the
 * column has no length, precision or scale) and the conversion target of literal defaults are
 * worked out once per type, and a default expression once per type and spelling (`now()`,
 * `'{}'::jsonb`), instead of once per column.
 * The shared results are read-only. One memo per run: enum union names differ between runs.
 */
export class FinishMemo {
  readonly types = new Map<ColumnTypeDraft, FinishedType>();
}

function finishedType(type: ColumnTypeDraft, context: FinishContext): FinishedType {
  let finished = context.memo.types.get(type);
  if (finished === undefined) {
    const base = finishColumnType(type, context.enumName);
    finished = { ...base, nullableTsType: `${base.tsType} | null`, zero: new Map(), validations: [], scalarDefaults: new Map(), scalarTarget: null };
    context.memo.types.set(type, finished);
  }
  return finished;
}

const NO_DEFAULT: ParsedDefault = { value: null, fill: null };

function parsed(column: ColumnDraft['column'], target: DefaultTarget): ParsedDefault {
  const value = parseDefault(column, target);
  return { value, fill: clientFillFor(value) };
}

/** The classified default and what the client fills in for it. */
function columnDefault(draft: ColumnDraft, finished: FinishedType, context: FinishContext): ParsedDefault {
  const { column } = draft;
  // Generated and identity columns do not depend on the target, and most columns have no default.
  if (column.generated !== null || column.identity !== null) return parsed(column, { kind: 'opaque' });
  if (column.default === null) return NO_DEFAULT;
  // Array targets depend on the declared element type too; array defaults are rare.
  if (draft.type.arrayDimensions > 0) return parsed(column, defaultTarget(draft, context));
  let known = finished.scalarDefaults.get(column.default);
  if (known === undefined) {
    finished.scalarTarget ??= defaultTarget(draft, context);
    known = parsed(column, finished.scalarTarget);
    finished.scalarDefaults.set(column.default, known);
  }
  return known;
}

/** The value type a literal default must be converted to. */
function defaultTarget(draft: ColumnDraft, context: FinishContext): DefaultTarget {
  const { type, column } = draft;
  if (type.arrayDimensions > 0) {
    let element: DefaultTarget = { kind: 'opaque' };
    if (column.type.kind === 'enum' && 'enumKey' in type.element) {
      element = { kind: 'string', labels: context.enumLabels(type.element.enumKey) };
    } else if (type.source === 'builtin') {
      const builtin = builtinType(column.type.schema, column.type.name);
      if (builtin !== null) {
        element = builtin.temporal !== null
          ? { kind: 'temporal', temporal: builtin.temporal }
          : builtin.builder === 'number'
            ? { kind: 'number', integer: builtin.integer }
            : builtin.builder === 'boolean'
              ? { kind: 'boolean' }
              : builtin.builder === 'json' ? { kind: 'json' } : { kind: 'string', labels: null };
      }
    }
    return { kind: 'array', element, dimensions: type.arrayDimensions };
  }
  switch (type.builder) {
    case 'json':
      return { kind: 'json' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'number':
      return type.temporal !== null ? { kind: 'temporal', temporal: type.temporal } : { kind: 'number', integer: type.integer };
    case 'enumeration':
      if ('enumKey' in type.element) return { kind: 'string', labels: context.enumLabels(type.element.enumKey) };
      return { kind: 'string', labels: type.allowedValues };
    case 'string':
      return { kind: 'string', labels: null };
  }
}

function memoisedZero(finished: FinishedType, draft: ColumnDraft, from: string | null): ZeroColumnType {
  const nullable = draft.column.nullable;
  let byNullability = finished.zero.get(from);
  if (byNullability === undefined) {
    byNullability = [];
    finished.zero.set(from, byNullability);
  }
  return (byNullability[nullable ? 1 : 0] ??= zeroColumnType(finished, draft.type.builder, from, nullable, tsString));
}

function memoisedValidation(finished: FinishedType, draft: ColumnDraft, allowedValues: readonly string[] | null): ColumnValidation {
  const { type } = draft.column;
  if (type.length !== null || type.precision !== null || type.scale !== null) return validation(draft, allowedValues);
  return (finished.validations[(draft.column.nullable ? 1 : 0) + 2 * type.arrayDimensions] ??= validation(draft, allowedValues));
}

function validation(draft: ColumnDraft, allowedValues: readonly string[] | null): ColumnValidation {
  const { column, type } = draft;
  const textual = type.builder === 'string' || type.builder === 'enumeration';
  // Precision matters for numeric/decimal only; for integers and floats it is implied by the type.
  const numeric = type.builder === 'number' && type.temporal === null && !type.integer;
  return {
    nullable: column.nullable,
    maxLength: textual ? column.type.length : null,
    fixedLength: textual && column.type.length !== null && (column.type.name === 'bpchar' || column.type.name === 'character'),
    allowedValues,
    integer: type.integer,
    precision: numeric ? column.type.precision : null,
    scale: numeric ? column.type.scale : null,
    arrayDimensions: column.type.arrayDimensions,
  };
}

export function finishColumn(
  draft: ColumnDraft,
  name: string,
  primaryKey: boolean,
  managedTimestamp: boolean,
  context: FinishContext,
): ModelColumn {
  const { column, type } = draft;
  const from = name === column.name ? null : column.name;
  const finished = finishedType(type, context);
  const { value: defaultValue, fill } = columnDefault(draft, finished, context);
  const insertable = column.generated === null && column.identity !== 'always';
  const hasUsableDefault = defaultValue !== null && defaultValue.kind !== 'generated';
  const insertOptional =
    !insertable ||
    column.nullable ||
    managedTimestamp ||
    (hasUsableDefault && context.insertDefaults === 'optional');
  const rowType = column.nullable ? finished.nullableTsType : finished.tsType;
  const allowedValues = 'enumKey' in type.element ? context.enumLabels(type.element.enumKey) : type.allowedValues;
  return {
    name,
    serverName: column.name,
    from,
    position: column.position,
    comment: column.comment,
    zero: memoisedZero(finished, draft, from),
    tsType: finished.tsType,
    rowType,
    insertType: rowType,
    nullable: column.nullable,
    insertOptional,
    insertable,
    primaryKey,
    typeSource: type.source,
    enumName: finished.enumName,
    temporal: type.temporal,
    precisionLoss: type.precisionLoss,
    postgres: column.type,
    validation: memoisedValidation(finished, draft, allowedValues),
    default: defaultValue,
    clientFill: fill,
    imports: type.imports,
  };
}
