/**
 * Which built-in Postgres types Zero syncs, and as what (zero-cache 1.9.0; see
 * `reference/zero.md`). Anything not listed here is left out: declaring a column zero-cache does
 * not sync makes it reject the client, so an unknown type is never guessed as `string()`.
 */

import type { TemporalKind, ZeroBuilder } from '../model-set.js';

export interface BuiltinType {
  readonly builder: Exclude<ZeroBuilder, 'enumeration'>;
  readonly tsType: string;
  readonly temporal: TemporalKind | null;
  readonly integer: boolean;
  /** int8 can exceed 2^53; numeric depends on its declared precision (decided per column). */
  readonly precisionLoss: 'always' | 'numeric' | 'never';
  /** Text-like: may carry a CHECK-constraint union or a polymorphic type name. */
  readonly textual: boolean;
  /** Types of this class can reference each other in a key (`int4` → `int8`, `varchar` → `text`). */
  readonly keyClass: string;
}

function number(keyClass: string, integer: boolean, precisionLoss: BuiltinType['precisionLoss']): BuiltinType {
  return { builder: 'number', tsType: 'number', temporal: null, integer, precisionLoss, textual: false, keyClass };
}

function temporal(kind: TemporalKind): BuiltinType {
  return { builder: 'number', tsType: 'number', temporal: kind, integer: false, precisionLoss: 'never', textual: false, keyClass: kind };
}

function string(keyClass: string, textual: boolean): BuiltinType {
  return { builder: 'string', tsType: 'string', temporal: null, integer: false, precisionLoss: 'never', textual, keyClass };
}

const INTEGER = number('integer', true, 'never');
const BIGINT = number('integer', true, 'always');
const NUMERIC = number('numeric', false, 'numeric');
const FLOAT = number('float', false, 'never');
const TEXT = string('text', true);
const BOOLEAN: BuiltinType = { builder: 'boolean', tsType: 'boolean', temporal: null, integer: false, precisionLoss: 'never', textual: false, keyClass: 'boolean' };
const JSON_TYPE: BuiltinType = { builder: 'json', tsType: '', temporal: null, integer: false, precisionLoss: 'never', textual: false, keyClass: 'json' };

/**
 * Keyed by `pg_type.typname` in `pg_catalog`, plus the SQL spellings `format_type` prints, so a
 * snapshot that records either form resolves the same way.
 */
const PG_CATALOG: ReadonlyMap<string, BuiltinType> = new Map<string, BuiltinType>([
  ['int2', INTEGER], ['smallint', INTEGER], ['int4', INTEGER], ['integer', INTEGER], ['int', INTEGER],
  ['int8', BIGINT], ['bigint', BIGINT],
  ['numeric', NUMERIC], ['decimal', NUMERIC],
  ['float4', FLOAT], ['real', FLOAT], ['float8', FLOAT], ['double precision', FLOAT],
  ['date', temporal('date')],
  ['time', temporal('time')], ['time without time zone', temporal('time')],
  ['timetz', temporal('time')], ['time with time zone', temporal('time')],
  ['timestamp', temporal('timestamp')], ['timestamp without time zone', temporal('timestamp')],
  ['timestamptz', temporal('timestamp')], ['timestamp with time zone', temporal('timestamp')],
  ['text', TEXT], ['varchar', TEXT], ['character varying', TEXT], ['bpchar', TEXT], ['character', TEXT],
  ['char', TEXT],
  ['uuid', string('uuid', false)],
  ['inet', string('inet', false)], ['cidr', string('inet', false)],
  ['macaddr', string('macaddr', false)], ['macaddr8', string('macaddr', false)],
  ['pg_lsn', string('pg_lsn', false)],
  ['bool', BOOLEAN], ['boolean', BOOLEAN],
  ['json', JSON_TYPE], ['jsonb', JSON_TYPE],
]);

/** The isn extension's types live in whatever schema the extension was created in. */
const ISN_TYPES: ReadonlySet<string> = new Set(['ean13', 'isbn', 'isbn13', 'ismn', 'ismn13', 'issn', 'issn13', 'upc']);

export function builtinType(schema: string, name: string): BuiltinType | null {
  if (schema === 'pg_catalog') return PG_CATALOG.get(name) ?? null;
  if (ISN_TYPES.has(name)) return string('isn', false);
  return null;
}

/** Why a built-in type is not synced, in words a person can act on. */
const UNSUPPORTED_REASONS: ReadonlyMap<string, string> = new Map([
  ['bytea', 'Zero does not sync binary data'],
  ['interval', 'Zero has no interval type'],
  ['money', 'Zero does not sync money (use numeric)'],
  ['xml', 'Zero does not sync xml'],
  ['tsvector', 'Zero does not sync full-text search types'],
  ['tsquery', 'Zero does not sync full-text search types'],
  ['bit', 'Zero does not sync bit strings'],
  ['varbit', 'Zero does not sync bit strings'],
  ['point', 'Zero does not sync geometric types'],
  ['line', 'Zero does not sync geometric types'],
  ['lseg', 'Zero does not sync geometric types'],
  ['box', 'Zero does not sync geometric types'],
  ['path', 'Zero does not sync geometric types'],
  ['polygon', 'Zero does not sync geometric types'],
  ['circle', 'Zero does not sync geometric types'],
  ['oid', 'Zero does not sync object identifiers'],
  ['regclass', 'Zero does not sync object identifiers'],
  ['regtype', 'Zero does not sync object identifiers'],
  ['regproc', 'Zero does not sync object identifiers'],
  ['name', 'Zero does not sync the name type (use text)'],
  ['geometry', 'Zero does not sync PostGIS types'],
  ['geography', 'Zero does not sync PostGIS types'],
  ['hstore', 'Zero does not sync hstore (a json override can map it)'],
  ['citext', 'Zero does not sync citext (a string override can map it)'],
  ['ltree', 'Zero does not sync ltree'],
]);

export function unsupportedReason(name: string): string {
  return UNSUPPORTED_REASONS.get(name) ?? `zero-cache does not sync type ${name}`;
}
