/**
 * Database names are data: a table, column, enum, label, constraint or schema may be called
 * `constructor`, `__proto__` or `toString`, hold quotes, backslashes, spaces, emoji or right-to-left
 * text, or be cut to PostgreSQL's 63 bytes. The mapper must treat them as plain strings: no lookup
 * may find an `Object.prototype` member, nothing may be written onto a prototype, and every
 * model must come out as it would for a plain name.
 */
import { describe, expect, it } from 'vitest';

import { mapSchema } from './map-schema.js';
import { column, diagnosticsWith, model } from './testing/lookup.js';
import { col, enumType, fk, snapshot, table } from './testing/snapshot-builder.js';

const BUILTINS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '__defineGetter__', 'isPrototypeOf'] as const;
const ODD = [`it's "quoted"`, 'back\\slash', 'with space', 'emoji 😀', 'שלום עולם', '\u202eevil', 'a'.repeat(63)] as const;

function prototypeState(): string {
  const names = Object.getOwnPropertyNames(Object.prototype).sort();
  return JSON.stringify({ names, array: Object.getOwnPropertyNames(Array.prototype).sort(), fn: Object.getOwnPropertyNames(Function.prototype).sort() });
}

function oddSnapshot() {
  const enums = [
    enumType('constructor', [...BUILTINS, ...ODD]),
    enumType('__proto__', ['a', 'b']),
    enumType('toString', ['x']),
  ];
  const builtinColumns = BUILTINS.map((name) => col(name, 'text'));
  const oddColumns = ODD.map((name) => col(name, 'text'));
  const tables = [
    table('constructor', [col('id', 'uuid'), ...builtinColumns, col('kind', 'enum:constructor', { notNull: true, default: "'toString'::\"constructor\"" })]),
    table('__proto__', [col('id', 'uuid'), ...oddColumns, col('proto', 'enum:__proto__'), col('constructor_id', 'uuid')], {
      fks: [fk(['constructor_id'], 'constructor', null, '__proto__')],
      checks: [{ expression: `CHECK ((("toString")::text = ANY ((ARRAY['valueOf'::character varying, '__proto__'::character varying])::text[])))`, columns: ['toString'] }],
    }),
    table('toString', [col('id', 'uuid'), col('toString', 'varchar'), col('str', 'enum:toString')], {
      checks: [{ expression: `CHECK ((("toString")::text = ANY ((ARRAY['valueOf'::character varying, '__proto__'::character varying])::text[])))`, columns: ['toString'] }],
    }),
    ...['hasOwnProperty', 'prototype', 'valueOf', ...ODD].map((name) => table(name, [col('id', 'uuid')])),
    table('id', [col('id', 'uuid')], { schema: 'constructor' }),
    table('id', [col('id', 'uuid')], { schema: '__proto__' }),
  ];
  return snapshot({ enums, tables });
}

describe('odd identifiers in the mapper', () => {
  it('maps names of JavaScript built-ins without touching any prototype', () => {
    const before = prototypeState();
    const set = mapSchema(oddSnapshot());

    expect(prototypeState()).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect({}.toString()).toBe('[object Object]');
    expect(set.models).toHaveLength(3 + 3 + ODD.length + 2);
  });

  it('resolves an enum named constructor to the enum, not to Object.prototype.constructor', () => {
    const set = mapSchema(oddSnapshot());
    const kind = column(model(set, 'public.constructor'), 'kind');

    expect(kind.zero.builder).toBe('enumeration');
    expect(kind.enumName).not.toBeNull();
    const union = set.enums.find((e) => e.pgName === 'constructor');
    expect(union?.labels).toEqual([...BUILTINS, ...ODD]);
    expect(kind.default).toMatchObject({ kind: 'literal', value: 'toString' });
    expect(column(model(set, 'public.__proto__'), 'proto').zero.builder).toBe('enumeration');
    expect(column(model(set, 'public.toString'), 'str').zero.builder).toBe('enumeration');
  });

  it('keeps every database name exactly, and gives every model a safe, distinct client name and file', () => {
    const set = mapSchema(oddSnapshot());
    const builtins = model(set, 'public.constructor');
    expect(builtins.columns.map((c) => c.serverName)).toEqual(['id', ...BUILTINS, 'kind']);
    expect(model(set, 'public.__proto__').columns.map((c) => c.serverName)).toEqual(['id', ...ODD, 'proto', 'constructor_id']);
    expect(column(model(set, 'public.toString'), 'toString').validation.allowedValues).toEqual(['valueOf', '__proto__']);

    const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
    for (const m of set.models) {
      for (const name of [m.zeroName, m.modelName, m.singularName, m.pluralName, ...m.columns.map((c) => c.name), ...m.relationships.map((r) => r.name)]) {
        expect(name, `${m.key}: ${name}`).toMatch(identifier);
        expect(BUILTINS as readonly string[], `${m.key}: ${name}`).not.toContain(name);
      }
      expect(m.fileName, m.key).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
    const lower = (names: readonly string[]) => new Set(names.map((n) => n.toLowerCase())).size;
    expect(lower(set.models.map((m) => m.fileName))).toBe(set.models.length);
    expect(new Set(set.models.map((m) => m.zeroName)).size).toBe(set.models.length);
  });

  it('follows a foreign key whose constraint is named __proto__ to the right model', () => {
    const set = mapSchema(oddSnapshot());
    const holder = model(set, 'public.__proto__');
    const belongs = holder.relationships.filter((r) => r.kind === 'belongs-to');
    expect(belongs.map((r) => [r.constraint, r.target])).toEqual([['__proto__', 'public.constructor']]);
  });

  it('takes config records keyed by built-in names as plain keys (a type override for `constructor`, a schema prefix for `__proto__`)', () => {
    const before = prototypeState();
    const config = JSON.parse(
      '{"types": {"public.constructor": {"zero": "string"}, "__proto__": {"zero": "string"}}, "names": {"schemaPrefixes": {"__proto__": "Proto", "constructor": "Ctor"}}}',
    );
    const set = mapSchema(oddSnapshot(), config);

    expect(prototypeState()).toBe(before);
    expect(column(model(set, 'public.constructor'), 'kind').zero.builder).toBe('string');
    expect(column(model(set, 'public.__proto__'), 'proto').zero.builder).toBe('string');
    expect(model(set, '__proto__.id').modelName).toMatch(/^Proto/);
    expect(model(set, 'constructor.id').modelName).toMatch(/^Ctor/);
  });

  it('tables whose names differ only in case or punctuation get distinct file names and a diagnostic', () => {
    const set = mapSchema(
      snapshot({
        tables: ['Users', 'users', 'user_posts', 'user-posts', 'USER POSTS'].map((name) => table(name, [col('id', 'uuid')])),
      }),
    );
    const files = set.models.map((m) => m.fileName);
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(5);
    const collisions = diagnosticsWith(set, 'RR_NAME_COLLISION').map((d) => d.where);
    expect(collisions).toEqual(expect.arrayContaining(['public.Users', 'public.user_posts']));
    expect(collisions.length).toBeGreaterThanOrEqual(3);
  });
});
