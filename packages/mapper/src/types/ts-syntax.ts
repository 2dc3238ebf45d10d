/**
 * TypeScript source fragments the renderer prints verbatim (builder type arguments, unions,
 * default values). One quoting style everywhere, so output never depends on where a string
 * came from.
 */

import type { JsonValue } from '../model-set.js';

/** Text that needs no escape: the common case, quoted without a walk over its characters. */
const PLAIN = /^[^'\\\u0000-\u001f\u007f\u2028\u2029]*$/;

/** A single-quoted TypeScript string literal. */
export function tsString(text: string): string {
  if (PLAIN.test(text)) return `'${text}'`;
  let result = "'";
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === "'" || char === '\\') result += `\\${char}`;
    else if (char === '\n') result += '\\n';
    else if (char === '\r') result += '\\r';
    else if (char === '\t') result += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      result += `\\u${code.toString(16).padStart(4, '0')}`;
    } else result += char;
  }
  return `${result}'`;
}

/** `'a' | 'b'`; `never` when there are no labels. */
export function tsUnion(labels: readonly string[]): string {
  return labels.length === 0 ? 'never' : labels.map(tsString).join(' | ');
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value as a TypeScript expression. */
export function tsLiteral(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: JsonValue });
  if (entries.length === 0) return '{}';
  const fields = entries.map(([key, field]) => `${IDENTIFIER.test(key) ? key : tsString(key)}: ${tsLiteral(field)}`);
  return `{ ${fields.join(', ')} }`;
}

const SIMPLE_TYPE = /^[A-Za-z_$][A-Za-z0-9_$.]*(?:<[^|&()=]*>)?(?:\[\])*$/;

/** `T[]`, parenthesised when `T` is a union or anything else `[]` would bind into. */
export function tsArrayOf(element: string, dimensions: number): string {
  const base = SIMPLE_TYPE.test(element) ? element : `(${element})`;
  return base + '[]'.repeat(dimensions);
}
