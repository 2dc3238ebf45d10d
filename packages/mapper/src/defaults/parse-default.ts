/**
 * Database defaults, classified. Zero does not apply server defaults to client inserts of NOT
 * NULL columns, so mutators fill what they can on the client: literal values (converted to the
 * column's client type), `now()` as `Date.now()`, uuid functions as `crypto.randomUUID()`.
 * Sequences, identities and other expressions stay the server's business.
 */

import type { Column } from '@rr/schema';
import type { ClientFill, ColumnDefault, JsonValue, TemporalKind } from '../model-set.js';
import { readStringItem, Reader, stripOuterParens } from '../sql/sql-reader.js';
import { tsLiteral } from '../types/ts-syntax.js';

/** What a literal must become: the column's client value type. */
export type DefaultTarget =
  | { readonly kind: 'string'; readonly labels: readonly string[] | null }
  | { readonly kind: 'number'; readonly integer: boolean }
  | { readonly kind: 'temporal'; readonly temporal: TemporalKind }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'json' }
  | { readonly kind: 'array'; readonly element: DefaultTarget; readonly dimensions: number }
  /** A type whose literals the mapper does not convert (an override to an unrelated builder). */
  | { readonly kind: 'opaque' };

const NOW_FORMS = /^(?:now\(\)|current_timestamp(?:\(\d+\))?|current_date|current_time(?:\(\d+\))?|localtimestamp(?:\(\d+\))?|localtime(?:\(\d+\))?|transaction_timestamp\(\)|statement_timestamp\(\)|clock_timestamp\(\))$/;
const UUID_FUNCTION = /^(?:[a-z_][a-z0-9_]*\.)?(gen_random_uuid|uuid_generate_v4|uuid_generate_v1|uuid_generate_v1mc|uuidv4|uuidv7)\(\)$/;
const NEXTVAL = /^nextval\('((?:[^']|'')+)'(?:::regclass)?\)$/i;
const CASTS = /::(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_]*)(?:\.(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_]*))?(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))?(?:\(\d+(?:,\d+)?\))?(?:\s+with(?:out)?\s+time\s+zone)?(?:\[\])*/g;

function isNowExpression(sql: string): boolean {
  const text = stripOuterParens(sql.toLowerCase().replace(CASTS, '').replace(/\s+/g, ' ').trim());
  if (NOW_FORMS.test(text)) return true;
  // timezone('utc', now()) and now() AT TIME ZONE 'utc' are still "the current time".
  const timezone = /^timezone\('[^']*', ?(.+)\)$/.exec(text);
  if (timezone) return isNowExpression(timezone[1] as string);
  const atTimeZone = /^(.+) at time zone '[^']*'$/.exec(text);
  if (atTimeZone) return isNowExpression(atTimeZone[1] as string);
  return false;
}

/** A literal's text: `'x'::type`, `('x'::varchar)::text`, `42`, `(-1)`, `true`, `NULL::text`. */
function literalText(sql: string): { readonly text: string | null; readonly quoted: boolean } | undefined {
  const body = stripOuterParens(sql);
  const reader = new Reader(body);
  const quoted = readStringItem(reader);
  if (quoted !== null && reader.done) return { text: quoted, quoted: true };
  const bare = new Reader(body);
  if (bare.takeWord('NULL')) {
    bare.casts();
    if (bare.done) return { text: null, quoted: false };
  }
  const word = new Reader(body);
  for (const keyword of ['TRUE', 'FALSE']) {
    if (word.takeWord(keyword)) {
      word.casts();
      if (word.done) return { text: keyword.toLowerCase(), quoted: false };
    }
  }
  const numeric = stripOuterParens(body.replace(CASTS, ''));
  const number = new Reader(stripOuterParens(numeric));
  const digits = number.numberLiteral();
  if (digits !== null && number.done) return { text: digits, quoted: false };
  return undefined;
}

function toNumber(text: string, integer: boolean): number | undefined {
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text.trim())) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  // A literal Zero's number cannot hold exactly is better left to the server.
  if (integer && !Number.isSafeInteger(value)) return undefined;
  return value;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?:([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** Epoch milliseconds, read as UTC (Zero's convention for timestamp without time zone). */
function toEpochMillis(text: string, temporal: TemporalKind): number | undefined {
  if (temporal === 'time') return undefined;
  const date = DATE.exec(text);
  if (date) return Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
  const stamp = TIMESTAMP.exec(text);
  if (!stamp || temporal === 'date') return undefined;
  const millis = Number(((stamp[7] ?? '') + '000').slice(0, 3));
  const utc = Date.UTC(Number(stamp[1]), Number(stamp[2]) - 1, Number(stamp[3]), Number(stamp[4]), Number(stamp[5]), Number(stamp[6] ?? 0), millis);
  if (stamp[8] === undefined) return utc;
  const offset = (Number(stamp[9]) * 60 + Number(stamp[10] ?? 0)) * 60_000;
  return stamp[8] === '+' ? utc - offset : utc + offset;
}

/** Reads `{a,"b c",NULL}` (and nested braces for more dimensions). */
function parseArrayLiteral(text: string): (string | null | unknown[])[] | undefined {
  let pos = 0;
  const readArray = (): (string | null | unknown[])[] | undefined => {
    if (text.charAt(pos) !== '{') return undefined;
    pos++;
    const items: (string | null | unknown[])[] = [];
    if (text.charAt(pos) === '}') {
      pos++;
      return items;
    }
    for (;;) {
      const char = text.charAt(pos);
      if (char === '{') {
        const nested = readArray();
        if (nested === undefined) return undefined;
        items.push(nested);
      } else if (char === '"') {
        let value = '';
        pos++;
        while (pos < text.length && text.charAt(pos) !== '"') {
          if (text.charAt(pos) === '\\') pos++;
          value += text.charAt(pos);
          pos++;
        }
        if (pos >= text.length) return undefined;
        pos++;
        items.push(value);
      } else {
        const start = pos;
        while (pos < text.length && text.charAt(pos) !== ',' && text.charAt(pos) !== '}') pos++;
        const raw = text.slice(start, pos).trim();
        items.push(raw.toUpperCase() === 'NULL' ? null : raw);
      }
      const next = text.charAt(pos);
      pos++;
      if (next === '}') return items;
      if (next !== ',') return undefined;
    }
  };
  const result = readArray();
  return result !== undefined && pos === text.length ? result : undefined;
}

/** `ARRAY['a'::text, 'b']`, `ARRAY[]::text[]`, `ARRAY[1, 2]`: item texts, or undefined. */
function readArrayConstructor(sql: string): (string | null)[] | undefined {
  const reader = new Reader(stripOuterParens(sql));
  if (!reader.takeWord('ARRAY') || !reader.take('[')) return undefined;
  const items: (string | null)[] = [];
  if (!reader.take(']')) {
    for (;;) {
      const quoted = readStringItem(reader);
      if (quoted !== null) items.push(quoted);
      else if (reader.takeWord('NULL')) {
        reader.casts();
        items.push(null);
      } else {
        const inParens = reader.take('(');
        const number = reader.numberLiteral();
        if (number === null || (inParens && !reader.take(')'))) return undefined;
        reader.casts();
        items.push(number);
      }
      if (reader.take(']')) break;
      if (!reader.take(',')) return undefined;
    }
  }
  reader.casts();
  return reader.done ? items : undefined;
}

/** Converts one literal text to the target's client value; undefined when it does not fit. */
function convert(text: string | null, target: DefaultTarget): JsonValue | undefined {
  if (text === null) return null;
  switch (target.kind) {
    case 'string':
      return target.labels === null || target.labels.includes(text) ? text : undefined;
    case 'number':
      return toNumber(text, target.integer);
    case 'temporal':
      return toEpochMillis(text, target.temporal);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['t', 'true', 'y', 'yes', 'on', '1'].includes(lower)) return true;
      if (['f', 'false', 'n', 'no', 'off', '0'].includes(lower)) return false;
      return undefined;
    }
    case 'json':
      try {
        return JSON.parse(text) as JsonValue;
      } catch {
        return undefined;
      }
    case 'array': {
      const items = parseArrayLiteral(text.trim());
      return items === undefined ? undefined : convertItems(items, target);
    }
    case 'opaque':
      return undefined;
  }
}

function convertItems(items: readonly (string | null | unknown[])[], target: Extract<DefaultTarget, { kind: 'array' }>): JsonValue | undefined {
  const values: JsonValue[] = [];
  for (const item of items) {
    let value: JsonValue | undefined;
    if (Array.isArray(item)) {
      if (target.dimensions < 2) return undefined;
      value = convertItems(item as (string | null | unknown[])[], { ...target, dimensions: target.dimensions - 1 });
    } else {
      value = convert(item as string | null, target.element);
    }
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

function literal(sql: string, value: JsonValue): ColumnDefault {
  return { kind: 'literal', sql, value, tsLiteral: tsLiteral(value) };
}

export function parseDefault(column: Pick<Column, 'default' | 'identity' | 'generated'>, target: DefaultTarget): ColumnDefault | null {
  if (column.generated !== null) return { kind: 'generated', sql: column.default };
  if (column.identity !== null) return { kind: 'identity', sql: null, generation: column.identity };
  if (column.default === null) return null;
  const sql = column.default;
  const trimmed = stripOuterParens(sql);

  const nextval = NEXTVAL.exec(trimmed);
  if (nextval) return { kind: 'sequence', sql, sequence: (nextval[1] as string).replace(/''/g, "'") };
  // Only where the client's replacement has the column's type: Date.now() is a number,
  // crypto.randomUUID() a string.
  if ((target.kind === 'temporal' || target.kind === 'number') && isNowExpression(trimmed)) return { kind: 'now', sql };
  const uuid = target.kind === 'string' ? UUID_FUNCTION.exec(trimmed.toLowerCase().replace(CASTS, '')) : null;
  if (uuid) return { kind: 'uuid', sql, function: uuid[1] as string };

  if (target.kind === 'array') {
    const items = readArrayConstructor(trimmed);
    if (items !== undefined) {
      const value = target.dimensions === 1 ? convertItems(items, target) : items.length === 0 ? [] : undefined;
      if (value !== undefined) return literal(sql, value);
    }
  }
  const found = literalText(trimmed);
  if (found !== undefined) {
    // A bare word such as `true` is never a JSON or array literal; only quoted text is.
    const value = !found.quoted && (target.kind === 'json' || target.kind === 'array') && found.text !== null
      ? undefined
      : convert(found.text, target);
    if (value !== undefined) return literal(sql, value);
  }
  return { kind: 'expression', sql };
}

const FILL_NOW: ClientFill = { kind: 'now' };
const FILL_UUID: ClientFill = { kind: 'uuid' };

/** What a create mutator fills on the client when the caller leaves the column out. */
export function clientFillFor(defaultValue: ColumnDefault | null): ClientFill | null {
  if (defaultValue === null) return null;
  switch (defaultValue.kind) {
    case 'literal':
      return { kind: 'literal', tsLiteral: defaultValue.tsLiteral };
    case 'now':
      return FILL_NOW;
    case 'uuid':
      return FILL_UUID;
    default:
      return null;
  }
}
