/**
 * String literals and comments for generated TypeScript.
 *
 * Everything printed here comes from the database and may contain anything. String literals
 * escape every character outside printable ASCII, so no text can end a string, start a line,
 * reorder what a reader sees (bidirectional controls) or change the width Prettier measures.
 * The quote follows Prettier's rule (double, unless the text holds more double quotes than
 * single ones), so the output is already formatted.
 */

const PRINTABLE_ASCII_FIRST = 0x20;
const PRINTABLE_ASCII_LAST = 0x7e;

const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\b', '\\b'],
  ['\f', '\\f'],
  ['\v', '\\v'],
  ['\\', '\\\\'],
]);

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A JavaScript string literal for `text` that parses back to exactly `text`. */
export function stringLiteral(text: string): string {
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
    else if (code < PRINTABLE_ASCII_FIRST || code > PRINTABLE_ASCII_LAST) body += unicodeEscape(code);
    else body += char;
  }
  return quote + body + quote;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value in the shape JSON describes it: strings, numbers, booleans, null, arrays, objects. */
export type LiteralValue = string | number | boolean | null | readonly LiteralValue[] | { readonly [key: string]: LiteralValue };

/**
 * A JSON value as a TypeScript expression, every string through `stringLiteral` (database
 * defaults are database text like any other), on one line as Prettier prints short literals.
 */
export function valueLiteral(value: LiteralValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(valueLiteral).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: LiteralValue });
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([key, field]) => `${propertyKey(key)}: ${valueLiteral(field)}`).join(', ')} }`;
}

/** An object key: bare when it is an identifier, else a string literal (Prettier's "as-needed"). */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

// Characters that must not reach a comment: line breaks other than \n, other controls, and the
// bidirectional overrides and isolates that can make a comment appear to end ("Trojan Source").
const UNSAFE_COMMENT_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The lines of a JSDoc body: `*\/` cannot close the comment, unsafe characters become U+FFFD. */
export function commentLines(text: string): readonly string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_COMMENT_CHARACTERS, '\ufffd')
    .replaceAll('*/', '*\\/')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A JSDoc block at `indent`, or '' when there is nothing to say. Ends with a newline. */
export function docComment(text: string | null | undefined, indent: string): string {
  if (text == null) return '';
  const lines = commentLines(text);
  if (lines.length === 0) return '';
  const body = lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`));
  return `${indent}/**\n${body.join('\n')}\n${indent} */\n`;
}
