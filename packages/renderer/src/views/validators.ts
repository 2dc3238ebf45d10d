import type { ModelColumn } from '@rr/mapper';

import type { Call } from '../syntax/layout.js';
import { stringLiteral } from '../syntax/literals.js';

/**
 * zod validators for mutator and query arguments, derived from what the mapper says about each
 * column: its Zero type, nullability, enum or CHECK labels, varchar length and integer-ness.
 * Columns typed by configuration or a comment tag are trusted: `z.custom<T>()`.
 * A validator is the chain `z.<calls>`; the caller lays it out.
 */

const CONFIGURED_SOURCES = new Set(['column-override', 'comment-tag', 'type-override']);

const call = (callee: string, ...args: string[]): Call => ({ callee, args });

/** The calls after `z` that validate a column's value, without null. */
export function columnValidator(column: ModelColumn): readonly Call[] {
  if (CONFIGURED_SOURCES.has(column.typeSource)) return [call(`custom<${column.tsType}>`)];
  const element = elementValidator(column);
  if (column.validation.arrayDimensions === 0) return element;
  let text = `z.${element.map(printed).join('.')}`;
  for (let i = 1; i < column.validation.arrayDimensions; i++) text = `z.array(${text})`;
  return [call('array', text)];
}

function printed(part: Call): string {
  return part.array === undefined ? `${part.callee}(${part.args.join(', ')})` : `${part.callee}([${part.array.join(', ')}])`;
}

function elementValidator(column: ModelColumn): readonly Call[] {
  const { validation } = column;
  if (validation.allowedValues !== null) {
    return validation.allowedValues.length === 0 ? [call('never')] : [{ callee: 'enum', args: [], array: validation.allowedValues.map(stringLiteral) }];
  }
  const element = column.tsType.replace(/(\[\])+$/, '');
  switch (column.zero.builder === 'json' && validation.arrayDimensions === 0 ? 'json' : element) {
    case 'string':
      return validation.maxLength === null ? [call('string')] : [call('string'), call('max', String(validation.maxLength))];
    case 'number':
      return validation.integer ? [call('number'), call('int')] : [call('number')];
    case 'boolean':
      return [call('boolean')];
    default:
      return [call('json')];
  }
}

/** The validator, `.nullable()` when the column is, `.optional()` when the caller may leave it out. */
export function argumentValidator(column: ModelColumn, optional: boolean): readonly Call[] {
  return [...columnValidator(column), ...(column.nullable ? [call('nullable')] : []), ...(optional ? [call('optional')] : [])];
}
