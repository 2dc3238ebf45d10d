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
import { canonicalizeSnapshot } from './canonical.js';
import { diffSnapshots, formatDiff, type SnapshotChange } from './diff.js';
import type { SchemaSnapshot, Table } from './types.js';

const int4 = typeRef('integer', { name: 'int4' });
const int8 = typeRef('bigint', { name: 'int8' });
const varchar = (n: number) => typeRef(`character varying(${n})`, { name: 'varchar', length: n });

function users(overrides: Partial<Table> = {}): Table {
  return table('public', 'users', {
    columns: [
      column('id', 1, { type: int8, nullable: false, identity: 'always' }),
      column('email', 2, { type: varchar(255), nullable: false }),
      column('name', 3),
      column('mood', 4, { type: typeRef('public.mood', { schema: 'public', name: 'mood', kind: 'enum' }) }),
    ],
    uniqueConstraints: [{ name: 'users_email_key', columns: ['email'] }],
    ...overrides,
  });
}

function posts(overrides: Partial<Table> = {}): Table {
  return table('public', 'posts', {
    columns: [column('id', 1, { type: int8, nullable: false }), column('user_id', 2, { type: int8, nullable: false })],
    foreignKeys: [foreignKey('posts_user_id_fkey', ['user_id'], 'public.users', ['id'])],
    checks: [{ name: 'posts_id_check', expression: 'CHECK (id > 0)', columns: ['id'] }],
    ...overrides,
  });
}

function base(): SchemaSnapshot {
  return snapshot({
    tables: [users(), posts()],
    views: [view('public', 'user_names', { columns: [column('name', 1)] })],
    enums: [enumType('public', 'mood', ['sad', 'ok', 'happy'])],
    domains: [domain('public', 'positive', int4, { checks: [{ name: 'positive_check', expression: 'CHECK (VALUE > 0)' }] })],
    compositeTypes: [composite('public', 'address', [{ name: 'street', type: typeRef('text') }])],
    ranges: [range('public', 'int_span', int4, 'int_spans')],
  });
}

function change(s: SchemaSnapshot, edit: (draft: { -readonly [K in keyof SchemaSnapshot]: SchemaSnapshot[K] }) => void): SchemaSnapshot {
  const draft = structuredClone(s) as { -readonly [K in keyof SchemaSnapshot]: SchemaSnapshot[K] };
  edit(draft);
  return canonicalizeSnapshot(draft);
}

const only = (before: SchemaSnapshot, after: SchemaSnapshot): SnapshotChange => {
  const diff = diffSnapshots(before, after);
  expect(diff.changes).toHaveLength(1);
  return diff.changes[0]!;
};

describe('diffSnapshots', () => {
  it('finds nothing between a snapshot and itself, or one that differs only in meta', () => {
    const s = base();
    expect(diffSnapshots(s, s)).toEqual({ identical: true, changes: [] });
    const elsewhere = canonicalizeSnapshot({ ...s, meta: { source: { kind: 'sql-file', description: 'structure.sql' }, serverVersion: '18.1' } });
    expect(diffSnapshots(s, elsewhere).identical).toBe(true);
    expect(formatDiff(diffSnapshots(s, elsewhere))).toBe('no differences');
  });

  describe('tables', () => {
    it('added', () => {
      const after = change(base(), (d) => (d.tables = [...d.tables, table('billing', 'invoices')]));
      expect(only(base(), after)).toEqual({ kind: 'added', object: 'table', where: 'billing.invoices', field: null, before: null, after: '1 columns' });
    });

    it('removed', () => {
      const after = change(base(), (d) => (d.tables = d.tables.filter((t) => t.name !== 'posts')));
      expect(only(base(), after)).toEqual({ kind: 'removed', object: 'table', where: 'public.posts', field: null, before: '2 columns', after: null });
    });

    it('the same name in another schema is another table', () => {
      const after = change(base(), (d) => (d.tables = d.tables.map((t) => (t.name === 'posts' ? { ...t, schema: 'blog' } : t))));
      expect(diffSnapshots(base(), after).changes.map((c) => `${c.kind} ${c.where}`)).toEqual(['added blog.posts', 'removed public.posts']);
    });
  });

  describe('columns', () => {
    it('added, with its type, nullability and default', () => {
      const after = change(base(), (d) => {
        d.tables = [users({ columns: [...users().columns, column('age', 5, { type: int4, nullable: false, default: '0' })] }), posts()];
      });
      expect(only(base(), after)).toEqual({
        kind: 'added',
        object: 'column',
        where: 'public.users.age',
        field: null,
        before: null,
        after: 'integer not null default 0',
      });
    });

    it('removed', () => {
      const after = change(base(), (d) => (d.tables = [users({ columns: users().columns.filter((c) => c.name !== 'name') }), posts()]));
      expect(only(base(), after)).toMatchObject({ kind: 'removed', object: 'column', where: 'public.users.name', before: 'text' });
    });

    it.each([
      ['type', { type: varchar(320) }, 'character varying(255)', 'character varying(320)'],
      ['nullable', { nullable: true }, 'false', 'true'],
      ['default', { default: "''::character varying" }, null, "''::character varying"],
      ['identity', { identity: null }, null, null],
      ['generated', { generated: 'stored' as const }, null, 'stored'],
    ])('changed %s', (field, edit, before, after) => {
      const editedUsers = users({ columns: users().columns.map((c) => (c.name === (field === 'identity' ? 'id' : 'email') ? { ...c, ...edit } : c)) });
      const next = change(base(), (d) => (d.tables = [editedUsers, posts()]));
      const found = only(base(), next);
      expect(found).toMatchObject({ kind: 'changed', object: 'column', field });
      if (field === 'identity') expect(found).toMatchObject({ where: 'public.users.id', before: 'always', after: null });
      else expect(found).toMatchObject({ where: 'public.users.email', before, after });
    });

    it('reports each changed property of one column separately', () => {
      const editedUsers = users({
        columns: users().columns.map((c) => (c.name === 'name' ? { ...c, type: varchar(80), nullable: false, default: "'anon'::text" } : c)),
      });
      const diff = diffSnapshots(base(), change(base(), (d) => (d.tables = [editedUsers, posts()])));
      expect(diff.changes.map((c) => c.field)).toEqual(['default', 'nullable', 'type']);
    });

    it('does not report a column that only moved position (column order is not a drift)', () => {
      const reordered = users({ columns: users().columns.map((c) => ({ ...c, position: c.name === 'name' ? 4 : c.name === 'mood' ? 3 : c.position })) });
      expect(diffSnapshots(base(), change(base(), (d) => (d.tables = [reordered, posts()]))).identical).toBe(true);
    });
  });

  describe('keys and constraints', () => {
    it('a primary key added, removed and changed', () => {
      const noKey = change(base(), (d) => (d.tables = [users({ primaryKey: null }), posts()]));
      expect(only(base(), noKey)).toEqual({ kind: 'removed', object: 'primary-key', where: 'public.users', field: null, before: '(id)', after: null });
      expect(only(noKey, base())).toEqual({ kind: 'added', object: 'primary-key', where: 'public.users', field: null, before: null, after: '(id)' });
      const wider = change(base(), (d) => (d.tables = [users({ primaryKey: { name: 'users_pkey', columns: ['id', 'email'] } }), posts()]));
      expect(only(base(), wider)).toEqual({ kind: 'changed', object: 'primary-key', where: 'public.users', field: 'columns', before: '(id)', after: '(id, email)' });
    });

    it('a unique constraint added and changed', () => {
      const more = change(base(), (d) => {
        d.tables = [users({ uniqueConstraints: [...users().uniqueConstraints, { name: 'users_name_key', columns: ['name'] }] }), posts()];
      });
      expect(only(base(), more)).toEqual({ kind: 'added', object: 'unique-constraint', where: 'public.users.users_name_key', field: null, before: null, after: '(name)' });
      const wider = change(base(), (d) => (d.tables = [users({ uniqueConstraints: [{ name: 'users_email_key', columns: ['email', 'name'] }] }), posts()]));
      expect(only(base(), wider)).toMatchObject({ kind: 'changed', field: 'columns', before: '(email)', after: '(email, name)' });
    });

    it('a foreign key whose delete action changed, and one removed', () => {
      const cascade = change(base(), (d) => {
        d.tables = [users(), posts({ foreignKeys: [foreignKey('posts_user_id_fkey', ['user_id'], 'public.users', ['id'], { onDelete: 'cascade' })] })];
      });
      expect(only(base(), cascade)).toEqual({
        kind: 'changed',
        object: 'foreign-key',
        where: 'public.posts.posts_user_id_fkey',
        field: 'definition',
        before: '(user_id) → public.users(id) on delete no-action',
        after: '(user_id) → public.users(id) on delete cascade',
      });
      const none = change(base(), (d) => (d.tables = [users(), posts({ foreignKeys: [] })]));
      expect(only(base(), none)).toMatchObject({ kind: 'removed', object: 'foreign-key', before: '(user_id) → public.users(id) on delete no-action' });
    });

    it('a composite foreign key whose column pairing changed', () => {
      const pair = (columns: string[]) =>
        change(base(), (d) => (d.tables = [users(), posts({ foreignKeys: [foreignKey('posts_pair_fkey', columns, 'public.users', ['id', 'email'])] })]));
      expect(only(pair(['user_id', 'id']), pair(['id', 'user_id']))).toMatchObject({
        kind: 'changed',
        object: 'foreign-key',
        before: '(user_id, id) → public.users(id, email) on delete no-action',
        after: '(id, user_id) → public.users(id, email) on delete no-action',
      });
    });

    it('a check expression changed', () => {
      const stricter = change(base(), (d) => {
        d.tables = [users(), posts({ checks: [{ name: 'posts_id_check', expression: 'CHECK (id > 10)', columns: ['id'] }] })];
      });
      expect(only(base(), stricter)).toEqual({
        kind: 'changed',
        object: 'check',
        where: 'public.posts.posts_id_check',
        field: 'expression',
        before: 'CHECK (id > 0)',
        after: 'CHECK (id > 10)',
      });
    });
  });

  describe('types', () => {
    it('enum labels added, removed and reordered', () => {
      const withLabels = (labels: string[]) => change(base(), (d) => (d.enums = [enumType('public', 'mood', labels)]));
      expect(only(base(), withLabels(['sad', 'ok', 'happy', 'ecstatic']))).toEqual({
        kind: 'changed',
        object: 'enum',
        where: 'public.mood',
        field: 'labels',
        before: '[sad, ok, happy]',
        after: '[sad, ok, happy, ecstatic]',
      });
      expect(only(base(), withLabels(['sad', 'happy']))).toMatchObject({ before: '[sad, ok, happy]', after: '[sad, happy]' });
      expect(only(base(), withLabels(['happy', 'ok', 'sad']))).toMatchObject({ after: '[happy, ok, sad]' });
    });

    it('an enum added and removed', () => {
      const more = change(base(), (d) => (d.enums = [...d.enums, enumType('public', 'color', ['red'])]));
      expect(only(base(), more)).toEqual({ kind: 'added', object: 'enum', where: 'public.color', field: null, before: null, after: '[red]' });
      expect(only(more, base())).toMatchObject({ kind: 'removed', object: 'enum', where: 'public.color', before: '[red]' });
    });

    it('a domain whose base type, checks or nullability changed', () => {
      const withDomain = (edit: Partial<SchemaSnapshot['domains'][number]>) =>
        change(base(), (d) => (d.domains = [{ ...d.domains[0]!, ...edit }]));
      expect(only(base(), withDomain({ baseType: int8 }))).toEqual({
        kind: 'changed',
        object: 'domain',
        where: 'public.positive',
        field: 'definition',
        before: 'integer constraint positive_check CHECK (VALUE > 0)',
        after: 'bigint constraint positive_check CHECK (VALUE > 0)',
      });
      expect(only(base(), withDomain({ checks: [{ name: 'positive_check', expression: 'CHECK (VALUE >= 0)' }] }))).toMatchObject({
        after: 'integer constraint positive_check CHECK (VALUE >= 0)',
      });
      expect(only(base(), withDomain({ notNull: true, default: '1' }))).toMatchObject({
        after: 'integer not null default 1 constraint positive_check CHECK (VALUE > 0)',
      });
    });

    it('composite type attributes and range subtypes changed', () => {
      const wider = change(base(), (d) => {
        d.compositeTypes = [composite('public', 'address', [{ name: 'street', type: typeRef('text') }, { name: 'city', type: varchar(80) }])];
        d.ranges = [range('public', 'int_span', int8, 'int_spans')];
      });
      const diff = diffSnapshots(base(), wider);
      expect(diff.changes).toEqual([
        { kind: 'changed', object: 'composite-type', where: 'public.address', field: 'attributes', before: 'street text', after: 'street text, city character varying(80)' },
        { kind: 'changed', object: 'range', where: 'public.int_span', field: 'subtype', before: 'integer', after: 'bigint' },
      ]);
    });
  });

  it('a view whose columns changed, and one that became materialized', () => {
    const changed = change(base(), (d) => (d.views = [view('public', 'user_names', { kind: 'materialized', columns: [column('name', 1), column('email', 2)] })]));
    expect(only(base(), changed)).toEqual({
      kind: 'changed',
      object: 'view',
      where: 'public.user_names',
      field: 'columns',
      before: 'view: name text',
      after: 'materialized: name text, email text',
    });
  });

  it('lists changes in a stable order, by where they are, whatever the order found', () => {
    const after = change(base(), (d) => {
      d.tables = [
        users({ columns: [...users().columns, column('age', 5, { type: int4 })], primaryKey: null }),
        posts({ checks: [] }),
        table('archive', 'old_posts'),
      ];
      d.enums = [enumType('public', 'mood', ['ok'])];
    });
    const diff = diffSnapshots(base(), after);
    expect(diff.changes.map((c) => `${c.kind} ${c.object} ${c.where}`)).toEqual([
      'added table archive.old_posts',
      'changed enum public.mood',
      'removed check public.posts.posts_id_check',
      'removed primary-key public.users',
      'added column public.users.age',
    ]);
    expect(diffSnapshots(base(), after)).toEqual(diff);
  });

  it('formats a diff for people, one line per change', () => {
    const after = change(base(), (d) => {
      d.tables = [
        users({ columns: [...users().columns.map((c) => (c.name === 'email' ? { ...c, nullable: true } : c)), column('age', 5, { type: int4, nullable: false, default: '0' })] }),
        table('archive', 'old_posts'),
      ];
      d.enums = [enumType('public', 'mood', ['sad', 'ok', 'happy', 'ecstatic'])];
    });
    expect(formatDiff(diffSnapshots(base(), after))).toBe(
      [
        '+ table archive.old_posts: 1 columns',
        '~ enum public.mood: labels [sad, ok, happy] → [sad, ok, happy, ecstatic]',
        '- table public.posts: 2 columns',
        '+ column public.users.age: integer not null default 0',
        '~ column public.users.email: nullable false → true',
      ].join('\n'),
    );
  });

  it('says (none) for a changed value that is absent on one side', () => {
    const after = change(base(), (d) => {
      d.tables = [users({ columns: users().columns.map((c) => (c.name === 'name' ? { ...c, default: "'x'::text" } : c)) }), posts()];
    });
    expect(formatDiff(diffSnapshots(base(), after))).toBe("~ column public.users.name: default (none) → 'x'::text");
  });

  it('is plain JSON: it survives a round trip through JSON.stringify', () => {
    const after = change(base(), (d) => (d.tables = [users({ primaryKey: null })]));
    const diff = diffSnapshots(base(), after);
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
    expect(diff).toEqual({
      identical: false,
      changes: [
        { kind: 'removed', object: 'table', where: 'public.posts', field: null, before: '2 columns', after: null },
        { kind: 'removed', object: 'primary-key', where: 'public.users', field: null, before: '(id)', after: null },
      ],
    });
  });
});
