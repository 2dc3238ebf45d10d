/**
 * String literals and comments for generated TypeScript.
 *
 * Everything printed here comes from the database and may contain anything. String literals
 * escape every character outside printable ASCII, so no text can end a string, start a line,
 * reorder what a reader sees (bidirectional controls) or change the width Prettier measures.
 * The quote follows Prettier's rule (double, unless the text holds more double quotes than
 * single ones), so the output is already formatted.
 */

import { tsString } from '@rr/mapper';

/** A string literal that parses back to exactly `text` (the mapper's, so both stages quote alike). */
export const stringLiteral: (text: string) => string = tsString;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key: bare when it is an identifier, else a string literal (Prettier's "as-needed"). */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
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
