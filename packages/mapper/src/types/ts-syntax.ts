/**
 * TypeScript source fragments the renderer prints verbatim (builder type arguments, unions,
 * default values). One quoting style everywhere, so output never depends on where a string
 * came from.
 */

import type { JsonValue } from '../model-set.js';

/** Printable ASCII without quotes or backslashes: quoted as it is, without a walk over it. */
const PLAIN = /^[\x20-\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;

const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\b', '\\b'],
  ['\f', '\\f'],
  ['\v', '\\v'],
  ['\\', '\\\\'],
]);

/**
 * A TypeScript string literal that parses back to exactly `text`, quoted as Prettier quotes
 * (double, unless the text holds more double quotes than single ones). Everything outside
 * printable ASCII is escaped, so no database text can end the string, start a line or reorder
 * what a reader sees (bidirectional controls), and a printed width is the string's length.
 */
export function tsString(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  let doubles = 0;
  let singles = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) doubles++;
    else if (code === 0x27) singles++;
  }
  const quote = doubles > singles ? "'" : '"';
  let body = '';
  // UTF-16 code units on purpose: a lone surrogate gets its own escape instead of invalid UTF-8.
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const code = text.charCodeAt(i);
    if (char === quote) body += `\\${quote}`;
    else if (SHORT_ESCAPES.has(char)) body += SHORT_ESCAPES.get(char);
    else if (code < 0x20 || code > 0x7e) body += `\\u${code.toString(16).padStart(4, '0')}`;
    else body += char;
  }
  return quote + body + quote;
}

/** `"a" | "b"`; `never` when there are no labels. */
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
