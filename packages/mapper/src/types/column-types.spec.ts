import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { column, diagnosticsWith, model } from '../testing/lookup.js';
import { col, domainType, enumType, snapshot, table } from '../testing/snapshot-builder.js';

describe('column types', () => {
  const set = mapSchema(
    snapshot({
      enums: [enumType('post_status', ['draft', 'published'])],
      domains: [domainType('year', 'int4')],
      tables: [
        table('posts', [
          col('id', 'uuid'),
          col('title', 'varchar(120)', { notNull: true }),
          col('code', 'bpchar(3)'),
          col('views', 'int4', { notNull: true }),
          col('big', 'int8'),
          col('price', 'numeric(10,2)'),
          col('ratio', 'numeric'),
          col('published_on', 'date'),
          col('created_at', 'timestamptz', { notNull: true }),
          col('visible', 'bool'),
          col('meta', 'jsonb'),
          col('status', 'enum:post_status', { notNull: true }),
          col('tags', 'text[]'),
          col('matrix', 'int4[][]'),
          col('history', 'enum:post_status[]'),
          col('payload', 'bytea'),
          col('span', 'interval'),
          col('year', 'domain:public.year'),
        ]),
      ],
    }),
  );
  const posts = model(set, 'public.posts');

  it('maps each Postgres type to the Zero builder and TS type Zero syncs it as', () => {
    const view = (name: string) => {
      const c = column(posts, name);
      return [c.zero.call, c.tsType];
    };
    expect(view('id')).toEqual(['string()', 'string']);
    expect(view('title')).toEqual(['string()', 'string']);
    expect(view('views')).toEqual(['number()', 'number']);
    expect(view('price')).toEqual(['number()', 'number']);
    expect(view('published_on')).toEqual(['number()', 'number']);
    expect(view('created_at')).toEqual(['number()', 'number']);
    expect(view('visible')).toEqual(['boolean()', 'boolean']);
    expect(view('meta')).toEqual(['json()', 'ReadonlyJSONValue']);
    expect(view('status')).toEqual(['enumeration<PostStatus>()', 'PostStatus']);
    expect(view('tags')).toEqual(['json<string[]>()', 'string[]']);
    expect(view('matrix')).toEqual(['json<number[][]>()', 'number[][]']);
    expect(view('history')).toEqual(['json<PostStatus[]>()', 'PostStatus[]']);
  });

  it('spells the whole builder chain with .from() and .optional()', () => {
    expect(column(posts, 'created_at').zero.expression).toBe('number().from("created_at")');
    expect(column(posts, 'big').zero.expression).toBe('number().optional()');
    expect(column(posts, 'published_on').zero.expression).toBe('number().from("published_on").optional()');
    expect(column(posts, 'id').zero.expression).toBe('string()');
  });

  it('gives row types with null for nullable columns', () => {
    expect(column(posts, 'visible').rowType).toBe('boolean | null');
    expect(column(posts, 'views').rowType).toBe('number');
  });

  it('marks epoch-millisecond columns and precision loss', () => {
    expect(column(posts, 'created_at').temporal).toBe('timestamp');
    expect(column(posts, 'published_on').temporal).toBe('date');
    expect(column(posts, 'big').precisionLoss).toBe(true);
    expect(column(posts, 'ratio').precisionLoss).toBe(true);
    expect(column(posts, 'price').precisionLoss).toBe(false);
    expect(diagnosticsWith(set, 'RR_PRECISION_LOSS').map((d) => d.where)).toEqual(['public.posts.big', 'public.posts.ratio']);
  });

  it('records validation facts', () => {
    expect(column(posts, 'title').validation).toEqual({
      nullable: false,
      maxLength: 120,
      fixedLength: false,
      allowedValues: null,
      integer: false,
      precision: null,
      scale: null,
      arrayDimensions: 0,
    });
    expect(column(posts, 'code').validation).toMatchObject({ maxLength: 3, fixedLength: true });
    expect(column(posts, 'status').validation.allowedValues).toEqual(['draft', 'published']);
    expect(column(posts, 'views').validation.integer).toBe(true);
    expect(column(posts, 'price').validation).toMatchObject({ precision: 10, scale: 2 });
  });

  it('leaves out what Zero cannot sync, with a warning naming table, column, type and why', () => {
    expect(posts.columns.map((c) => c.serverName)).not.toContain('payload');
    expect(posts.omittedColumns).toEqual([
      { name: 'payload', reason: 'Zero does not sync binary data' },
      { name: 'span', reason: 'Zero has no interval type' },
      { name: 'year', reason: "zero-cache does not sync domain types (it keys on the domain's own name)" },
    ]);
    const warnings = diagnosticsWith(set, 'RR_UNSUPPORTED_TYPE');
    expect(warnings.map((d) => [d.severity, d.where])).toEqual([
      ['warning', 'public.posts.payload'],
      ['warning', 'public.posts.span'],
      ['warning', 'public.posts.year'],
    ]);
    expect(warnings[0]?.message).toContain('bytea');
    expect(warnings[0]?.message).toContain('columns["public.posts.payload"]');
    expect(warnings[2]?.message).toContain('types["public.year"]');
  });

  it('emits one named union per enum, shared by every column using it', () => {
    expect(set.enums).toEqual([
      {
        key: 'public.post_status',
        schema: 'public',
        pgName: 'post_status',
        name: 'PostStatus',
        labels: ['draft', 'published'],
        tsType: '"draft" | "published"',
        comment: null,
        usedBy: ['public.posts.history', 'public.posts.status'],
      },
    ]);
    expect(column(posts, 'status').enumName).toBe('PostStatus');
    expect(column(posts, 'history').enumName).toBe('PostStatus');
  });

  it('memoises type resolution', () => {
    expect(set.stats.typeCache.misses).toBeLessThan(posts.columns.length + posts.omittedColumns.length);
    expect(set.stats.typeCache.hits + set.stats.typeCache.misses).toBe(18);
  });
});

describe('type overrides', () => {
  const base = snapshot({
    domains: [domainType('year', 'int4')],
    tables: [
      table('users', [
        col('id', 'uuid'),
        col('settings', 'jsonb', { comment: "Per-user settings. @type UserSettings from '@app/types'" }),
        col('prefs', 'jsonb', { comment: '@type {Record<string, boolean>}' }),
        col('broken', 'jsonb', { comment: '@type {Oops' }),
        col('name', 'text', { comment: '@type Name' }),
        col('email', 'base:public.citext'),
        col('born', 'domain:public.year'),
        col('role', 'text'),
        col('avatar', 'bytea'),
        col('secret', 'text'),
        col('count', 'int4'),
      ]),
    ],
  });
  const set = mapSchema(base, {
    types: { citext: { zero: 'string' }, 'public.year': { zero: 'number' } },
    columns: {
      'users.role': { tsType: "'admin' | 'member'" },
      'users.avatar': { zero: 'string' },
      'users.secret': { omit: true },
      'users.count': { tsType: 'Count' },
    },
  });
  const users = model(set, 'public.users');

  it('types JSON from a comment tag, with its import', () => {
    const settings = column(users, 'settings');
    expect(settings.zero.call).toBe('json<UserSettings>()');
    expect(settings.typeSource).toBe('comment-tag');
    expect(settings.imports).toEqual([{ name: 'UserSettings', from: '@app/types' }]);
    expect(users.imports).toContainEqual({ name: 'UserSettings', from: '@app/types' });
    expect(set.imports).toContainEqual({ name: 'UserSettings', from: '@app/types' });
    expect(column(users, 'prefs').zero.call).toBe('json<Record<string, boolean>>()');
  });

  it('reports tags it cannot use', () => {
    expect(column(users, 'broken').zero.call).toBe('json()');
    expect(diagnosticsWith(set, 'RR_TYPE_TAG_INVALID').map((d) => d.where)).toEqual(['public.users.broken']);
    expect(column(users, 'name').zero.call).toBe('string()');
    expect(diagnosticsWith(set, 'RR_TYPE_TAG_IGNORED').map((d) => d.where)).toEqual(['public.users.name']);
  });

  it('maps types by override, including domains', () => {
    expect(column(users, 'email')).toMatchObject({ zero: { call: 'string()' }, typeSource: 'type-override' });
    expect(column(users, 'born')).toMatchObject({ zero: { call: 'number()' }, typeSource: 'type-override' });
  });

  it('applies column overrides: a union for a string, a builder for an unsupported type, omission', () => {
    expect(column(users, 'role')).toMatchObject({ zero: { call: "enumeration<'admin' | 'member'>()" }, tsType: "'admin' | 'member'", typeSource: 'column-override' });
    expect(column(users, 'avatar')).toMatchObject({ zero: { call: 'string()' }, typeSource: 'column-override' });
    expect(users.omittedColumns).toEqual([{ name: 'secret', reason: 'left out by config' }]);
    expect(diagnosticsWith(set, 'RR_UNSUPPORTED_TYPE')).toEqual([]);
  });

  it('ignores a tsType on a number column, with a warning', () => {
    expect(column(users, 'count').zero.call).toBe('number()');
    expect(diagnosticsWith(set, 'RR_OVERRIDE_IGNORED').map((d) => d.where)).toEqual(['public.users.count']);
  });

  it('turns a CHECK (col IN (...)) on a string column into a union', () => {
    const checked = mapSchema(
      snapshot({
        tables: [
          table('jobs', [col('id', 'uuid'), col('state', 'varchar', { notNull: true }), col('priority', 'int4')], {
            checks: [
              { expression: "CHECK (((state)::text = ANY ((ARRAY['queued'::character varying, 'done'::character varying])::text[])))", columns: ['state'] },
              { expression: 'CHECK ((priority = ANY (ARRAY[1, 2])))', columns: ['priority'] },
            ],
          }),
        ],
      }),
    );
    const jobs = model(checked, 'public.jobs');
    expect(column(jobs, 'state')).toMatchObject({
      zero: { call: 'enumeration<"queued" | "done">()' },
      tsType: '"queued" | "done"',
      typeSource: 'check-constraint',
      validation: { allowedValues: ['queued', 'done'] },
    });
    expect(column(jobs, 'priority').zero.call).toBe('number()');
    const off = mapSchema(snapshot({ tables: [table('jobs', [col('id', 'uuid'), col('state', 'text')], { checks: [{ expression: "CHECK (state IN ('a'))", columns: ['state'] }] })] }), { checkUnions: false });
    expect(column(model(off, 'public.jobs'), 'state').zero.call).toBe('string()');
  });

  it('uses the configured JSON type for untyped JSON', () => {
    const custom = mapSchema(snapshot({ tables: [table('t', [col('id', 'uuid'), col('data', 'jsonb'), col('list', 'jsonb[]')])] }), {
      json: { tsType: 'Json', import: { from: './json.js' } },
    });
    const t = model(custom, 'public.t');
    expect(column(t, 'data')).toMatchObject({ zero: { call: 'json()' }, tsType: 'Json', imports: [{ name: 'Json', from: './json.js' }] });
    expect(column(t, 'list')).toMatchObject({ zero: { call: 'json<Json[]>()' }, tsType: 'Json[]' });
  });
});
