import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  column,
  composite,
  domain,
  enumType,
  foreignKey,
  range,
  snapshot,
  table,
  typeRef,
  view,
} from '../testing/snapshot-builders.js';
import { canonicalizeSnapshot, compareText, computeFingerprint, serializeSnapshot } from './canonical.js';
import type { SchemaSnapshot, UnsignedSnapshot } from './types.js';

/** A deterministic shuffle (a fixed linear congruential generator), so failures reproduce. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every list of a snapshot shuffled, including the lists inside tables and domains. */
function shuffleEverything(s: SchemaSnapshot, seed: number): UnsignedSnapshot {
  return {
    ...s,
    schemas: shuffled(s.schemas, seed),
    tables: shuffled(
      s.tables.map((t, i) => ({
        ...t,
        columns: shuffled(t.columns, seed + i),
        uniqueConstraints: shuffled(t.uniqueConstraints, seed + i + 1),
        foreignKeys: shuffled(t.foreignKeys, seed + i + 2),
        checks: shuffled(t.checks, seed + i + 3),
        indexes: shuffled(t.indexes, seed + i + 4),
        partitions: shuffled(t.partitions, seed + i + 5),
      })),
      seed + 7,
    ),
    views: shuffled(s.views.map((v, i) => ({ ...v, columns: shuffled(v.columns, seed + i) })), seed + 8),
    enums: shuffled(s.enums, seed + 9),
    domains: shuffled(s.domains.map((d, i) => ({ ...d, checks: shuffled(d.checks, seed + i) })), seed + 10),
    compositeTypes: shuffled(s.compositeTypes, seed + 11),
    ranges: shuffled(s.ranges, seed + 12),
  };
}

/** Rebuilds every object with its keys in reverse order: canonical form must not care. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

const int4 = typeRef('integer', { name: 'int4' });

function richSnapshot(): SchemaSnapshot {
  return snapshot({
    schemas: [
      { name: 'public', comment: 'standard public schema' },
      { name: 'Sales', comment: null },
      { name: 'audit', comment: null },
    ],
    tables: [
      table('public', 'users', {
        comment: 'people',
        columns: [
          column('id', 1, { type: int4, nullable: false, identity: 'always' }),
          column('zeta', 2),
          column('alpha', 3, { default: "'x'::text" }),
          column('Middle', 4, { comment: 'mixed case' }),
        ],
        uniqueConstraints: [
          { name: 'users_zeta_key', columns: ['zeta'] },
          { name: 'users_alpha_middle_key', columns: ['Middle', 'alpha'] },
        ],
        checks: [
          { name: 'users_b_check', expression: 'CHECK (true)', columns: [] },
          { name: 'users_a_check', expression: 'CHECK (zeta <> alpha)', columns: ['zeta', 'alpha'] },
        ],
        indexes: [
          { name: 'users_pkey', columns: ['id'], unique: true, primary: true, method: 'btree', predicate: null, definition: 'CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)' },
          { name: 'users_lower_idx', columns: [null], unique: false, primary: false, method: 'btree', predicate: null, definition: 'CREATE INDEX users_lower_idx ON public.users USING btree (lower(zeta))' },
        ],
      }),
      table('public', 'Orders', {
        foreignKeys: [
          foreignKey('orders_user_fkey', ['user_id'], 'public.users', ['id']),
          foreignKey('orders_account_fkey', ['b', 'a'], 'Sales.accounts', ['y', 'x'], { onDelete: 'cascade' }),
        ],
        partitions: [
          { schema: 'public', name: 'orders_2025' },
          { schema: 'audit', name: 'orders_old' },
          { schema: 'public', name: 'orders_2024' },
        ],
        kind: 'partitioned',
      }),
      table('Sales', 'accounts'),
      table('audit', 'log', { primaryKey: null }),
    ],
    views: [view('public', 'user_names'), view('Sales', 'Totals', { kind: 'materialized' })],
    enums: [enumType('public', 'mood', ['sad', 'ok', 'happy']), enumType('audit', 'level', ['z', 'a'])],
    domains: [
      domain('public', 'positive', int4, {
        checks: [
          { name: 'positive_z', expression: 'CHECK (VALUE < 100)' },
          { name: 'positive_a', expression: 'CHECK (VALUE > 0)' },
        ],
      }),
      domain('public', 'also_positive', typeRef('public.positive', { schema: 'public', name: 'positive', kind: 'domain' })),
    ],
    compositeTypes: [
      composite('public', 'address', [
        { name: 'street', type: typeRef('text') },
        { name: 'city', type: typeRef('text') },
      ]),
    ],
    ranges: [range('public', 'int_span', int4, 'int_spans')],
  });
}

describe('compareText', () => {
  it('orders by code point, not by locale: uppercase, then lowercase, then non-ASCII', () => {
    const names = ['alpha', 'Ärger', 'Zeta', 'zeta', 'Straße', 'apple', 'Apple', '名前'];
    expect([...names].sort(compareText)).toEqual(['Apple', 'Straße', 'Zeta', 'alpha', 'apple', 'zeta', 'Ärger', '名前']);
  });

  it('puts characters beyond U+FFFF after U+E000–U+FFFF, unlike a UTF-16 comparison', () => {
    const fullwidthA = '\uFF21'; // U+FF21
    const emoji = '\u{1F600}'; // U+1F600, two UTF-16 units starting with 0xD83D
    expect(emoji < fullwidthA).toBe(true); // JavaScript's own order
    expect(compareText(fullwidthA, emoji)).toBeLessThan(0);
    expect(compareText(emoji, fullwidthA)).toBeGreaterThan(0);
    expect([emoji, '\uE000', 'z', fullwidthA].sort(compareText)).toEqual(['z', '\uE000', fullwidthA, emoji]);
  });

  it('agrees with a comparison of code point sequences on mixed input', () => {
    const pool = ['', 'a', 'ab', 'abc', 'b', 'B', '\u00E9', 'e\u0301', '\uFFFD', '\u{10000}', '\u{1F600}x', '\u{1F600}', '\uD7FF', '\uE000a'];
    const byCodePoints = (a: string, b: string) => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    for (const a of pool) {
      for (const b of pool) expect(Math.sign(compareText(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(Math.sign(byCodePoints(a, b)));
    }
  });

  it('orders a prefix before the longer text and says 0 for equal text', () => {
    expect(compareText('ab', 'abc')).toBeLessThan(0);
    expect(compareText('abc', 'ab')).toBeGreaterThan(0);
    expect(compareText('same', 'same')).toBe(0);
  });
});

describe('canonical form', () => {
  it('gives identical bytes whatever the order of every list in the input', () => {
    const reference = serializeSnapshot(richSnapshot());
    for (const seed of [1, 2, 3, 42, 1234]) {
      expect(serializeSnapshot(shuffleEverything(richSnapshot(), seed))).toBe(reference);
    }
  });

  it('gives identical bytes whatever the order of keys inside objects', () => {
    const s = richSnapshot();
    expect(serializeSnapshot(reverseKeys(s) as SchemaSnapshot)).toBe(serializeSnapshot(s));
  });

  it('sorts schemas, tables, views and types by schema then name in code-point order', () => {
    const s = canonicalizeSnapshot(shuffleEverything(richSnapshot(), 5));
    expect(s.schemas.map((x) => x.name)).toEqual(['Sales', 'audit', 'public']);
    expect(s.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['Sales.accounts', 'audit.log', 'public.Orders', 'public.users']);
    expect(s.views.map((v) => `${v.schema}.${v.name}`)).toEqual(['Sales.Totals', 'public.user_names']);
    expect(s.enums.map((e) => `${e.schema}.${e.name}`)).toEqual(['audit.level', 'public.mood']);
    expect(s.domains.map((d) => d.name)).toEqual(['also_positive', 'positive']);
  });

  it('keeps the order that means something: columns by position, enum labels, key and attribute order', () => {
    const s = canonicalizeSnapshot(shuffleEverything(richSnapshot(), 9));
    const users = s.tables.find((t) => t.name === 'users')!;
    expect(users.columns.map((c) => c.name)).toEqual(['id', 'zeta', 'alpha', 'Middle']);
    expect(users.uniqueConstraints).toEqual([
      { name: 'users_alpha_middle_key', columns: ['Middle', 'alpha'] },
      { name: 'users_zeta_key', columns: ['zeta'] },
    ]);
    expect(users.checks.map((c) => c.name)).toEqual(['users_a_check', 'users_b_check']);
    expect(users.checks[0]!.columns).toEqual(['zeta', 'alpha']);
    expect(users.indexes.map((i) => i.name)).toEqual(['users_lower_idx', 'users_pkey']);
    const orders = s.tables.find((t) => t.name === 'Orders')!;
    expect(orders.foreignKeys.map((f) => f.name)).toEqual(['orders_account_fkey', 'orders_user_fkey']);
    expect(orders.foreignKeys[0]).toMatchObject({ columns: ['b', 'a'], references: { columns: ['y', 'x'] } });
    expect(orders.partitions).toEqual([
      { schema: 'audit', name: 'orders_old' },
      { schema: 'public', name: 'orders_2024' },
      { schema: 'public', name: 'orders_2025' },
    ]);
    expect(s.enums.find((e) => e.name === 'mood')!.labels).toEqual(['sad', 'ok', 'happy']);
    expect(s.enums.find((e) => e.name === 'level')!.labels).toEqual(['z', 'a']);
    expect(s.compositeTypes[0]!.attributes.map((a) => a.name)).toEqual(['street', 'city']);
    expect(s.domains.find((d) => d.name === 'positive')!.checks.map((c) => c.name)).toEqual(['positive_a', 'positive_z']);
  });

  it('drops fields that are not part of the format', () => {
    const s = richSnapshot();
    const withExtras = {
      ...s,
      extra: 'not in the format',
      tables: s.tables.map((t) => ({ ...t, oid: 12345, columns: t.columns.map((c) => ({ ...c, attnum: 7 })) })),
    } as unknown as UnsignedSnapshot;
    expect(serializeSnapshot(withExtras)).toBe(serializeSnapshot(s));
  });

  it('is idempotent', () => {
    const once = canonicalizeSnapshot(richSnapshot());
    expect(canonicalizeSnapshot(once)).toEqual(once);
    expect(serializeSnapshot(once)).toBe(serializeSnapshot(canonicalizeSnapshot(once)));
  });

  it('serializes with two-space indentation, top-level keys in format order, and one trailing newline', () => {
    const text = serializeSnapshot(snapshot());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.split('\n')[1]).toBe('  "format": "rr-schema-snapshot",');
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'version',
      'fingerprint',
      'meta',
      'schemas',
      'tables',
      'views',
      'enums',
      'domains',
      'compositeTypes',
      'ranges',
    ]);
  });
});

describe('fingerprint', () => {
  it('is the sha256 of the canonical content without format, version, fingerprint and meta', () => {
    const content =
      '{"schemas":[{"name":"public","comment":null}],"tables":[],"views":[],"enums":[],"domains":[],"compositeTypes":[],"ranges":[]}';
    const expected = `sha256:${createHash('sha256').update(content).digest('hex')}`;
    expect(snapshot().fingerprint).toBe(expected);
    // Pinned: a change here changes the fingerprint of every committed snapshot.
    expect(expected).toBe('sha256:982514ba0d582d0c454c75030b49d440369e6be6757c053030dfc362852e1e44');
  });

  it('is stable across runs and input orders', () => {
    const fingerprints = new Set([1, 2, 3].map((seed) => computeFingerprint(shuffleEverything(richSnapshot(), seed))));
    expect(fingerprints.size).toBe(1);
    expect([...fingerprints][0]).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('ignores meta: where the snapshot came from and the server version', () => {
    const s = richSnapshot();
    const elsewhere = canonicalizeSnapshot({ ...s, meta: { source: { kind: 'sql-file', description: 'structure.sql' }, serverVersion: '18.1' } });
    expect(elsewhere.fingerprint).toBe(s.fingerprint);
    expect(serializeSnapshot(elsewhere)).not.toBe(serializeSnapshot(s));
  });

  it('ignores the fingerprint the input claims', () => {
    const s = richSnapshot();
    const claimed = { ...s, fingerprint: `sha256:${'0'.repeat(64)}` };
    expect(canonicalizeSnapshot(claimed).fingerprint).toBe(s.fingerprint);
  });

  it('changes when anything in the content changes', () => {
    const s = richSnapshot();
    const users = s.tables.find((t) => t.name === 'users')!;
    const withUsers = (change: Partial<typeof users>) =>
      computeFingerprint({ ...s, tables: s.tables.map((t) => (t === users ? { ...t, ...change } : t)) });
    const variants = [
      withUsers({ columns: users.columns.map((c) => (c.name === 'zeta' ? { ...c, nullable: false } : c)) }),
      withUsers({ columns: users.columns.map((c) => (c.name === 'zeta' ? { ...c, type: typeRef('character varying(10)', { name: 'varchar', length: 10 }) } : c)) }),
      withUsers({ comment: 'persons' }),
      withUsers({ primaryKey: null }),
      computeFingerprint({ ...s, enums: s.enums.map((e) => (e.name === 'mood' ? { ...e, labels: ['ok', 'sad', 'happy'] } : e)) }),
      computeFingerprint({ ...s, schemas: s.schemas.map((x) => (x.name === 'audit' ? { ...x, comment: 'history' } : x)) }),
      computeFingerprint({ ...s, views: s.views.filter((v) => v.name !== 'Totals') }),
      computeFingerprint({ ...s, ranges: [] }),
    ];
    expect(new Set([s.fingerprint, ...variants]).size).toBe(variants.length + 1);
  });
});
