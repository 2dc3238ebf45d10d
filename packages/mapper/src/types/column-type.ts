/**
 * A column's Zero and TypeScript type, from its type family plus everything column-specific.
 * Precedence: column override, `@type` comment tag, type override, CHECK union, enum/built-in.
 */

import type { Column } from '@rr/schema';
import type { ColumnOverride } from '../config.js';
import type { DiagnosticCode } from '../diagnostics.js';
import type { TemporalKind, TypeImport, TypeSource, ZeroBuilder, ZeroColumnType } from '../model-set.js';
import type { CheckUnion } from './check-union.js';
import { defaultTsType, type SupportedFamily, type TypeFamily } from './resolve-type.js';
import { tsArrayOf, tsUnion } from './ts-syntax.js';
import type { TypeTag } from './type-tag.js';

/** A column type before names are allocated: enums are still referenced by key. */
export interface ColumnTypeDraft {
  readonly builder: ZeroBuilder;
  readonly element: { readonly enumKey: string } | { readonly tsType: string };
  /** Array dimensions still to wrap around `element` (0 once an override replaced the whole type). */
  readonly arrayDimensions: number;
  readonly explicitTypeArgument: boolean;
  readonly source: TypeSource;
  readonly imports: readonly TypeImport[];
  /** CHECK-union values; enum labels are added when the draft is finished. */
  readonly allowedValues: readonly string[] | null;
  readonly temporal: TemporalKind | null;
  readonly integer: boolean;
  readonly precisionLoss: boolean;
  /** Text-like built-in (text, varchar, char) without override: may hold a polymorphic type name. */
  readonly textual: boolean;
  /** Types of one class can be joined in keys; null for overridden types. */
  readonly keyClass: string | null;
}

export interface ColumnTypeProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
}

export type ColumnTypeResult =
  | { readonly ok: true; readonly type: ColumnTypeDraft; readonly problems: readonly ColumnTypeProblem[] }
  | { readonly ok: false; readonly reason: string; readonly problems: readonly ColumnTypeProblem[] };

export interface ColumnTypeInputs {
  readonly column: Column;
  readonly family: TypeFamily;
  readonly override: ColumnOverride | undefined;
  /** The parsed comment tag, when tags are enabled and the comment has one. */
  readonly tag: TypeTag | null;
  readonly tagName: string;
  readonly checkUnion: CheckUnion | null;
  readonly json: { readonly tsType: string; readonly import: TypeImport | null };
  /** Shares the drafts of columns that have nothing column-specific (one per run). */
  readonly cache: ColumnTypeCache;
}

const NO_PROBLEMS: readonly ColumnTypeProblem[] = [];

/**
 * Most columns have no override, tag or CHECK union, so their draft depends only on the type
 * family, the array dimensions and precision loss: a schema of thousands of columns needs a
 * handful of drafts. Sharing them keeps the per-column work (and the garbage) small; drafts
 * are read-only, so sharing cannot leak a change from one column to another.
 */
export class ColumnTypeCache {
  readonly #byFamily = new Map<SupportedFamily, ColumnTypeResult[]>();

  /** `build` is called with the same arguments on a miss (a plain function, so a hit allocates no closure). */
  get(
    family: SupportedFamily,
    dims: number,
    precisionLoss: boolean,
    build: (family: SupportedFamily, dims: number, precisionLoss: boolean) => ColumnTypeResult,
  ): ColumnTypeResult {
    let slots = this.#byFamily.get(family);
    if (slots === undefined) {
      slots = [];
      this.#byFamily.set(family, slots);
    }
    const slot = dims * 2 + (precisionLoss ? 1 : 0);
    return (slots[slot] ??= build(family, dims, precisionLoss));
  }
}

const EXACT_NUMERIC_DIGITS = 15;

/** One literal with every field in a fixed order: thousands of drafts share one object shape. */
function typeDraft(fields: ColumnTypeDraft): ColumnTypeDraft {
  return {
    builder: fields.builder,
    element: fields.element,
    arrayDimensions: fields.arrayDimensions,
    explicitTypeArgument: fields.explicitTypeArgument,
    source: fields.source,
    imports: fields.imports,
    allowedValues: fields.allowedValues,
    temporal: fields.temporal,
    integer: fields.integer,
    precisionLoss: fields.precisionLoss,
    textual: fields.textual,
    keyClass: fields.keyClass,
  };
}

export function resolveColumnType(inputs: ColumnTypeInputs): ColumnTypeResult {
  const { column, family, override, tag, checkUnion, json } = inputs;
  const dims = column.type.arrayDimensions;

  if (override?.zero != null) {
    const builder = override.zero;
    const tsType = override.tsType ?? defaultTsType(builder, json);
    const natural = family.supported && dims === 0 && family.builder === builder ? family.builtin : null;
    return {
      ok: true,
      problems: NO_PROBLEMS,
      type: typeDraft({
        builder,
        element: { tsType },
        arrayDimensions: 0,
        explicitTypeArgument: override.tsType !== null,
        source: 'column-override',
        imports: override.import !== null ? [override.import] : builder === 'json' && override.tsType === null && json.import !== null ? [json.import] : [],
        allowedValues: null,
        temporal: natural?.temporal ?? null,
        integer: natural?.integer ?? false,
        precisionLoss: false,
        textual: false,
        keyClass: natural?.keyClass ?? null,
      }),
    };
  }

  if (!family.supported) {
    const problems: ColumnTypeProblem[] = override?.tsType != null
      ? [{ code: 'RR_OVERRIDE_IGNORED', message: 'a tsType override needs "zero" as well on a column whose type Zero does not sync' }]
      : [];
    return { ok: false, reason: family.reason, problems };
  }

  const naturalBuilder: ZeroBuilder = dims > 0 ? 'json' : family.builder;
  const unionApplies = checkUnion !== null && dims === 0 && family.builder === 'string' && family.builtin?.textual === true;
  if (override?.tsType == null && tag === null && !unionApplies) return naturalColumnType(family, column, inputs.cache);
  const precisionLoss = losesPrecision(family, column);

  const problems: ColumnTypeProblem[] = [];
  const builtin = dims === 0 ? family.builtin : null;
  const temporal = builtin?.temporal ?? null;
  const integer = family.builtin?.integer ?? false;
  const keyClass = dims === 0 && family.builtin !== null ? family.builtin.keyClass : null;

  /** A scalar whose TS type is given (override, comment tag, CHECK list) rather than derived. */
  const declared = (
    builder: ZeroBuilder,
    tsType: string,
    source: ColumnTypeDraft['source'],
    imports: ColumnTypeDraft['imports'],
    allowedValues: ColumnTypeDraft['allowedValues'],
  ): ColumnTypeResult => ({
    ok: true,
    problems,
    type: typeDraft({
      temporal,
      integer,
      keyClass,
      builder,
      element: { tsType },
      arrayDimensions: 0,
      explicitTypeArgument: true,
      source,
      imports,
      allowedValues,
      precisionLoss: false,
      textual: false,
    }),
  });

  if (override?.tsType != null) {
    if (naturalBuilder === 'json' || naturalBuilder === 'string' || naturalBuilder === 'enumeration') {
      const imports = override.import !== null ? [override.import] : [];
      return declared(naturalBuilder === 'json' ? 'json' : 'enumeration', override.tsType, 'column-override', imports, null);
    }
    problems.push({
      code: 'RR_OVERRIDE_IGNORED',
      message: `tsType '${override.tsType}' is ignored: Zero types only json and string columns, this one is ${naturalBuilder}`,
    });
  }

  if (tag !== null) {
    if (naturalBuilder !== 'json') {
      problems.push({ code: 'RR_TYPE_TAG_IGNORED', message: `the ${inputs.tagName} tag in the comment is ignored: only JSON columns take a type, this one is ${naturalBuilder}` });
    } else if (!tag.ok) {
      problems.push({ code: 'RR_TYPE_TAG_INVALID', message: `the ${inputs.tagName} tag in the comment is ignored: ${tag.problem}` });
    } else {
      return declared('json', tag.tsType, 'comment-tag', tag.import !== null ? [tag.import] : [], null);
    }
  }

  if (unionApplies && checkUnion !== null) {
    return declared('enumeration', tsUnion(checkUnion.values), 'check-constraint', [], checkUnion.values);
  }

  return { ok: true, problems, type: naturalDraft(family, dims, precisionLoss) };
}

function losesPrecision(family: SupportedFamily, column: Column): boolean {
  return (
    family.builtin !== null &&
    (family.builtin.precisionLoss === 'always' ||
      (family.builtin.precisionLoss === 'numeric' && (column.type.precision === null || column.type.precision > EXACT_NUMERIC_DIGITS)))
  );
}

/**
 * The type of a column with no override, comment tag or CHECK union: what `resolveColumnType`
 * gives such a column, without building its inputs (the common case, called per column).
 */
export function naturalColumnType(family: SupportedFamily, column: Column, cache: ColumnTypeCache): ColumnTypeResult {
  const dims = column.type.arrayDimensions;
  const precisionLoss = losesPrecision(family, column);
  return cache.get(family, dims, precisionLoss, naturalResult);
}

function naturalResult(family: SupportedFamily, dims: number, precisionLoss: boolean): ColumnTypeResult {
  return { ok: true, problems: NO_PROBLEMS, type: naturalDraft(family, dims, precisionLoss) };
}

/** The draft a column of `family` gets when nothing column-specific applies. */
function naturalDraft(family: SupportedFamily, dims: number, precisionLoss: boolean): ColumnTypeDraft {
  const scalar = dims === 0 ? family.builtin : null;
  return typeDraft({
    temporal: scalar?.temporal ?? null,
    integer: family.builtin?.integer ?? false,
    keyClass: scalar?.keyClass ?? null,
    builder: dims > 0 ? 'json' : family.builder,
    element: family.enumKey !== null ? { enumKey: family.enumKey } : { tsType: family.tsType ?? 'string' },
    arrayDimensions: dims,
    explicitTypeArgument: family.explicitTypeArgument || dims > 0,
    source: family.source,
    imports: family.imports,
    allowedValues: null,
    precisionLoss,
    textual: dims === 0 && family.source === 'builtin' && family.builtin?.textual === true,
  });
}

/** The final builder call and TS type, once enum union names are known. */
export function finishColumnType(
  draft: ColumnTypeDraft,
  enumName: (key: string) => string,
): { readonly tsType: string; readonly typeArgument: string | null; readonly call: string; readonly enumName: string | null } {
  const named = 'enumKey' in draft.element ? enumName(draft.element.enumKey) : null;
  const element = named ?? ('tsType' in draft.element ? draft.element.tsType : 'string');
  const tsType = draft.arrayDimensions > 0 ? tsArrayOf(element, draft.arrayDimensions) : element;
  const typeArgument = draft.explicitTypeArgument ? tsType : null;
  const call = `${draft.builder}${typeArgument === null ? '' : `<${typeArgument}>`}()`;
  return { tsType, typeArgument, call, enumName: named };
}

export function zeroColumnType(
  finished: ReturnType<typeof finishColumnType>,
  builder: ZeroBuilder,
  from: string | null,
  nullable: boolean,
  quote: (text: string) => string,
): ZeroColumnType {
  const expression = `${finished.call}${from === null ? '' : `.from(${quote(from)})`}${nullable ? '.optional()' : ''}`;
  return { builder, typeArgument: finished.typeArgument, call: finished.call, expression };
}
