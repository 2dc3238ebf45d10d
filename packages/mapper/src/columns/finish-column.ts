/**
 * A synced column's final form: names, the Zero builder chain, TS types, validation facts,
 * the classified default and insert optionality.
 */

import type { InsertDefaultsPolicy } from '../config.js';
import { clientFillFor, parseDefault, type DefaultTarget } from '../defaults/parse-default.js';
import type { ColumnValidation, ModelColumn } from '../model-set.js';
import type { ColumnDraft } from '../tables/table-draft.js';
import { finishColumnType, zeroColumnType } from '../types/column-type.js';
import { builtinType } from '../types/postgres-types.js';
import { tsString } from '../types/ts-syntax.js';

export interface FinishContext {
  readonly enumName: (key: string) => string;
  readonly enumLabels: (key: string) => readonly string[];
  readonly insertDefaults: InsertDefaultsPolicy;
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
  const finished = finishColumnType(type, context.enumName);
  const defaultValue = parseDefault(column, defaultTarget(draft, context));
  const insertable = column.generated === null && column.identity !== 'always';
  const hasUsableDefault = defaultValue !== null && defaultValue.kind !== 'generated';
  const insertOptional =
    !insertable ||
    column.nullable ||
    managedTimestamp ||
    (hasUsableDefault && context.insertDefaults === 'optional');
  const rowType = column.nullable ? `${finished.tsType} | null` : finished.tsType;
  const allowedValues = 'enumKey' in type.element ? context.enumLabels(type.element.enumKey) : type.allowedValues;
  return {
    name,
    serverName: column.name,
    from,
    position: column.position,
    comment: column.comment,
    zero: zeroColumnType(finished, type.builder, from, column.nullable, tsString),
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
    validation: validation(draft, allowedValues),
    default: defaultValue,
    clientFill: clientFillFor(defaultValue),
    imports: type.imports,
  };
}
