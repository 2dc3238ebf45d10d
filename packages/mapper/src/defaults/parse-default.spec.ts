import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../model-set.js';
import { clientFillFor, parseDefault, type DefaultTarget } from './parse-default.js';

const STRING: DefaultTarget = { kind: 'string', labels: null };
const INTEGER: DefaultTarget = { kind: 'number', integer: true };
const NUMERIC: DefaultTarget = { kind: 'number', integer: false };
const TIMESTAMP: DefaultTarget = { kind: 'temporal', temporal: 'timestamp' };
const JSON_TARGET: DefaultTarget = { kind: 'json' };
const TEXT_ARRAY: DefaultTarget = { kind: 'array', element: STRING, dimensions: 1 };

const parse = (sql: string | null, target: DefaultTarget) => parseDefault({ default: sql, identity: null, generated: null }, target);

const LITERALS: readonly (readonly [string, DefaultTarget, JsonValue, string])[] = [
    ["'draft'::character varying", STRING, 'draft', '"draft"'],
    ["'it''s'::text", STRING, "it's", '"it\'s"'],
    ["('x'::character varying)::text", STRING, 'x', '"x"'],
    ['0', INTEGER, 0, '0'],
    ["'-1'::integer", INTEGER, -1, '-1'],
    ['(-1)', INTEGER, -1, '-1'],
    ["'1.50'::numeric", NUMERIC, 1.5, '1.5'],
    ['0.0', NUMERIC, 0, '0'],
    ['(0)::numeric', NUMERIC, 0, '0'],
    ['true', { kind: 'boolean' }, true, 'true'],
    ['false', { kind: 'boolean' }, false, 'false'],
    ["'{}'::jsonb", JSON_TARGET, {}, '{}'],
    ["'[]'::json", JSON_TARGET, [], '[]'],
    ['\'{"a": [1, "b"]}\'::jsonb', JSON_TARGET, { a: [1, 'b'] }, '{ a: [1, "b"] }'],
    ["'{}'::text[]", TEXT_ARRAY, [], '[]'],
    ["'{a,\"b c\",NULL}'::character varying[]", TEXT_ARRAY, ['a', 'b c', null], '["a", "b c", null]'],
    ['ARRAY[]::text[]', TEXT_ARRAY, [], '[]'],
    ["ARRAY['x'::text, 'y'::text]", TEXT_ARRAY, ['x', 'y'], '["x", "y"]'],
    ["ARRAY[1, 2]", { kind: 'array', element: INTEGER, dimensions: 1 }, [1, 2], '[1, 2]'],
    ["'draft'::post_status", { kind: 'string', labels: ['draft', 'published'] }, 'draft', '"draft"'],
    ['NULL::character varying', STRING, null, 'null'],
    ["'2024-01-02'::date", { kind: 'temporal', temporal: 'date' }, Date.UTC(2024, 0, 2), String(Date.UTC(2024, 0, 2))],
    ["'2024-01-02 03:04:05.678'::timestamp without time zone", TIMESTAMP, Date.UTC(2024, 0, 2, 3, 4, 5, 678), String(Date.UTC(2024, 0, 2, 3, 4, 5, 678))],
    ["'2024-01-02 03:00:00+02'::timestamp with time zone", TIMESTAMP, Date.UTC(2024, 0, 2, 1), String(Date.UTC(2024, 0, 2, 1))],
];

describe('parseDefault: literals become typed values', () => {
  it.each(LITERALS)('%s', (sql, target, value, tsLiteral) => {
    expect(parse(sql, target)).toEqual({ kind: 'literal', sql, value, tsLiteral });
  });
});

describe('parseDefault: function defaults are classified', () => {
  it.each(['now()', 'CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP(6)', 'CURRENT_DATE', 'LOCALTIMESTAMP', 'statement_timestamp()', "timezone('utc'::text, now())", "(now() AT TIME ZONE 'utc'::text)", '(now())::timestamp without time zone'])(
    '%s is the current time',
    (sql) => {
      expect(parse(sql, TIMESTAMP)).toEqual({ kind: 'now', sql });
    },
  );

  it.each([
    ['gen_random_uuid()', 'gen_random_uuid'],
    ['public.uuid_generate_v4()', 'uuid_generate_v4'],
    ['uuidv7()', 'uuidv7'],
  ])('%s is a client-side uuid', (sql, fn) => {
    expect(parse(sql, STRING)).toEqual({ kind: 'uuid', sql, function: fn });
  });

  it('reads the sequence of nextval', () => {
    expect(parse("nextval('users_id_seq'::regclass)", INTEGER)).toEqual({ kind: 'sequence', sql: "nextval('users_id_seq'::regclass)", sequence: 'users_id_seq' });
  });

  it('records identity and generated columns', () => {
    expect(parseDefault({ default: null, identity: 'always', generated: null }, INTEGER)).toEqual({ kind: 'identity', sql: null, generation: 'always' });
    expect(parseDefault({ default: '(a + b)', identity: null, generated: 'stored' }, INTEGER)).toEqual({ kind: 'generated', sql: '(a + b)' });
  });

  it('leaves anything else to the server', () => {
    expect(parse("lower('X'::text)", STRING)).toEqual({ kind: 'expression', sql: "lower('X'::text)" });
    expect(parse("'abc'::integer", INTEGER)).toEqual({ kind: 'expression', sql: "'abc'::integer" });
    expect(parse("'archived'::post_status", { kind: 'string', labels: ['draft'] })).toEqual({ kind: 'expression', sql: "'archived'::post_status" });
    expect(parse("'9223372036854775807'::bigint", INTEGER)).toMatchObject({ kind: 'expression' });
    expect(parse("'infinity'::timestamp with time zone", TIMESTAMP)).toMatchObject({ kind: 'expression' });
    expect(parse("'not json'::jsonb", JSON_TARGET)).toMatchObject({ kind: 'expression' });
    expect(parse('now()', STRING)).toMatchObject({ kind: 'expression' });
    expect(parse('gen_random_uuid()', INTEGER)).toMatchObject({ kind: 'expression' });
  });

  it('has no default when there is none', () => {
    expect(parse(null, STRING)).toBeNull();
  });
});

describe('clientFillFor', () => {
  it('fills literals, now and uuids on the client, nothing else', () => {
    expect(clientFillFor(parse("'x'::text", STRING))).toEqual({ kind: 'literal', tsLiteral: '"x"' });
    expect(clientFillFor(parse('now()', TIMESTAMP))).toEqual({ kind: 'now' });
    expect(clientFillFor(parse('gen_random_uuid()', STRING))).toEqual({ kind: 'uuid' });
    expect(clientFillFor(parse("nextval('s'::regclass)", INTEGER))).toBeNull();
    expect(clientFillFor(null)).toBeNull();
  });
});
