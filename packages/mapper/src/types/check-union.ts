/**
 * Reads a CHECK constraint of the form `col IN ('a', 'b')` as a union of string literals.
 *
 * Rails apps often encode enums this way. PostgreSQL prints such checks back in its own shape
 * (`pg_get_constraintdef`), e.g.
 *   CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))
 *   CHECK ((kind = ANY (ARRAY['x'::text, 'y'::text])))
 * so this is a small recursive-descent reader over that grammar rather than a regular
 * expression; anything else (other operators, numbers, several columns) is not a union.
 */

import { readStringItem, Reader, stripOuterParens } from '../sql/sql-reader.js';
import { TextCache } from '../text-cache.js';

export interface CheckUnion {
  readonly column: string;
  readonly values: readonly string[];
}

/** `col`, `(col)::text`, `((col))`. */
function readColumn(reader: Reader): string | null {
  if (reader.take('(')) {
    const inner = readColumn(reader);
    if (inner === null || !reader.take(')')) return null;
    reader.casts();
    return inner;
  }
  const name = reader.identifier();
  if (name === null) return null;
  reader.casts();
  return name;
}

function readList(reader: Reader, close: string): string[] | null {
  const values: string[] = [];
  if (reader.take(close)) return values;
  for (;;) {
    const value = readStringItem(reader);
    if (value === null) return null;
    values.push(value);
    if (reader.take(close)) return values;
    if (!reader.take(',')) return null;
  }
}

/** `ARRAY[...]`, `(ARRAY[...])::text[]`. */
function readArray(reader: Reader): string[] | null {
  if (reader.take('(')) {
    const inner = readArray(reader);
    if (inner === null || !reader.take(')')) return null;
    reader.casts();
    return inner;
  }
  if (!reader.takeWord('ARRAY') || !reader.take('[')) return null;
  const values = readList(reader, ']');
  if (values === null) return null;
  reader.casts();
  return values;
}

/** `col = ANY (ARRAY[...])` or `col IN (...)`, possibly wrapped in parentheses. */
function readComparison(reader: Reader): CheckUnion | null {
  const column = readColumn(reader);
  if (column === null) return null;
  if (reader.takeWord('IN')) {
    if (!reader.take('(')) return null;
    const values = readList(reader, ')');
    return values === null ? null : { column, values };
  }
  if (!reader.take('=') || !reader.takeWord('ANY') || !reader.take('(')) return null;
  const values = readArray(reader);
  if (values === null || !reader.take(')')) return null;
  return { column, values };
}

/** Parsed checks: a schema repeats the same few expressions on many tables (musicbrainz: 672 checks, 58 distinct). */
const parsed = new TextCache<CheckUnion | null>(10_000);

/** The union a check constraint expresses, or null when it is any other kind of check. */
export function parseCheckUnion(expression: string): CheckUnion | null {
  return parsed.get(expression, readCheckUnion);
}

function readCheckUnion(expression: string): CheckUnion | null {
  let body = expression.trim();
  const check = /^CHECK\s*/i.exec(body);
  if (check) body = body.slice(check[0].length);
  body = body.replace(/\s+NOT\s+VALID\s*$/i, '');
  const reader = new Reader(stripOuterParens(body));
  const union = readComparison(reader);
  if (union === null || !reader.done || union.values.length === 0) return null;
  return { column: union.column, values: [...new Set(union.values)] };
}
