/**
 * Introspection of the kitchen-sink fixture against the integration database (the server when
 * one is configured or answers, else the embedded one; the choice is printed). Every feature of
 * the fixture is asserted exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticSchemaSql } from '../../../../tools/synthetic-schema.ts';
import { SchemaNotFoundError } from '../errors.js';
import { serializeSnapshot } from '../snapshot/canonical.js';
import { selectSchemas } from '../snapshot/select.js';
import type { DomainType, SchemaSnapshot, TypeRef } from '../snapshot/types.js';
import { columnOf, content, kitchenSinkSql, tableOf, viewOf } from '../testing/fixtures.js';
import { createTestDatabase, testDatabaseTarget, type TestDatabase } from '../testing/test-database.js';
import type { Introspection } from './introspect.js';

const target = await testDatabaseTarget();

const base = (name: string, sql: string, more: Partial<TypeRef> = {}): TypeRef => ({
  schema: 'pg_catalog',
  name,
  kind: 'base',
  sql,
  arrayDimensions: 0,
  length: null,
  precision: null,
  scale: null,
  ...more,
});
const userType = (schema: string, name: string, kind: TypeRef['kind'], sql: string, arrayDimensions = 0): TypeRef => ({
  ...base(name, sql),
  schema,
  kind,
  arrayDimensions,
});

let database: TestDatabase;
let full: Introspection;
let snapshot: SchemaSnapshot;

beforeAll(async () => {
  database = await createTestDatabase(kitchenSinkSql(), 'kitchen_sink');
  full = await database.introspect();
  snapshot = full.snapshot;
});
afterAll(async () => {
  await database?.drop();
});

describe(`introspecting the kitchen-sink fixture (${target.kind} database)`, () => {
  it('reads it in 8 round trips without warnings', () => {
    expect(full.roundTrips).toBe(8);
    expect(full.warnings).toEqual([]);
  });

  it('lists every non-system schema with its comment, in code-point order', () => {
    expect(snapshot.schemas).toEqual([
      { name: 'Reporting', comment: null },
      { name: 'app', comment: 'Core application objects' },
      { name: 'billing', comment: null },
      { name: 'empty_zone', comment: null },
      { name: 'public', comment: 'standard public schema' },
    ]);
  });

  it('lists tables (partitioned parents included, partitions not) in code-point order', () => {
    expect(snapshot.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`)).toEqual([
      'Reporting.Straße_Überblick:table',
      'Reporting.Zeta:table',
      'Reporting.alpha:table',
      'Reporting.Ärger:table',
      'app.order:table',
      'app.user:table',
      'billing.account:table',
      'billing.audit_log:table',
      'billing.invoice:table',
      'billing.invoice_line:table',
      'billing.payment:partitioned',
      'billing.refund:table',
      'public.select:table',
    ]);
  });

  it('notes every partition of a partitioned table under its root, nested and cross-schema ones too', () => {
    const payment = tableOf(snapshot, 'billing.payment');
    expect(payment.comment).toBe('Payments, partitioned by year');
    expect(payment.partitions).toEqual([
      { schema: 'Reporting', name: 'payment_archive' },
      { schema: 'billing', name: 'payment_2024' },
      { schema: 'billing', name: 'payment_2025' },
      { schema: 'billing', name: 'payment_2025_h1' },
      { schema: 'billing', name: 'payment_2025_h2' },
    ]);
    expect(payment.primaryKey).toEqual({ name: 'payment_pkey', columns: ['id', 'paid_on'] });
    expect(payment.foreignKeys).toEqual([
      {
        name: 'payment_account_code_fkey',
        columns: ['account_code'],
        references: { schema: 'billing', name: 'account', columns: ['code'] },
        onUpdate: 'no-action',
        onDelete: 'no-action',
      },
    ]);
    expect(payment.columns.map((c) => c.name)).toEqual(['id', 'paid_on', 'method', 'amount', 'account_code']);
  });

  it('reads identity columns, enums, enum arrays, domains, composites and self-references of app.user', () => {
    const user = tableOf(snapshot, 'app.user');
    expect(user.comment).toBe('People who sign in');
    expect(user.columns).toEqual([
      { name: 'id', position: 1, type: base('int8', 'bigint'), nullable: false, default: null, identity: 'always', generated: null, comment: null },
      {
        name: 'email',
        position: 2,
        type: userType('app', 'email', 'domain', 'app.email'),
        nullable: false,
        default: null,
        identity: null,
        generated: null,
        comment: 'Login e-mail, compared case-insensitively',
      },
      { name: 'displayName', position: 3, type: base('varchar', 'character varying(120)', { length: 120 }), nullable: true, default: null, identity: null, generated: null, comment: null },
      { name: 'status', position: 4, type: userType('app', 'status', 'enum', 'app.status'), nullable: false, default: "'draft'::app.status", identity: null, generated: null, comment: null },
      { name: 'roles', position: 5, type: userType('app', 'status', 'enum', 'app.status[]', 1), nullable: false, default: "'{}'::app.status[]", identity: null, generated: null, comment: null },
      { name: 'login_count', position: 6, type: userType('app', 'small_positive', 'domain', 'app.small_positive'), nullable: true, default: null, identity: null, generated: null, comment: null },
      { name: 'home', position: 7, type: userType('app', 'address', 'composite', 'app.address'), nullable: true, default: null, identity: null, generated: null, comment: null },
      { name: 'manager_id', position: 8, type: base('int8', 'bigint'), nullable: true, default: null, identity: null, generated: null, comment: null },
      {
        name: 'created_at',
        position: 9,
        type: base('timestamptz', 'timestamp(3) with time zone', { precision: 3 }),
        nullable: false,
        default: 'now()',
        identity: null,
        generated: null,
        comment: null,
      },
    ]);
    expect(user.primaryKey).toEqual({ name: 'user_pkey', columns: ['id'] });
    expect(user.uniqueConstraints).toEqual([{ name: 'user_email_key', columns: ['email'] }]);
    expect(user.foreignKeys).toEqual([
      {
        name: 'user_manager_id_fkey',
        columns: ['manager_id'],
        references: { schema: 'app', name: 'user', columns: ['id'] },
        onUpdate: 'no-action',
        onDelete: 'set-null',
      },
    ]);
  });

  it('reads a partial unique index apart from unique constraints, with its definition text', () => {
    const user = tableOf(snapshot, 'app.user');
    expect(user.indexes).toEqual([
      {
        name: 'user_display_name_active_idx',
        columns: ['displayName'],
        unique: true,
        primary: false,
        method: 'btree',
        predicate: "status = 'active'::app.status",
        definition: 'CREATE UNIQUE INDEX user_display_name_active_idx ON app."user" USING btree ("displayName") WHERE (status = \'active\'::app.status)',
      },
      {
        name: 'user_email_key',
        columns: ['email'],
        unique: true,
        primary: false,
        method: 'btree',
        predicate: null,
        definition: null,
      },
      {
        name: 'user_pkey',
        columns: ['id'],
        unique: true,
        primary: true,
        method: 'btree',
        predicate: null,
        definition: null,
      },
    ]);
  });

  it('resolves every column type of app.order: generated, ranges, multi-dimensional arrays, modifiers', () => {
    const order = tableOf(snapshot, 'app.order');
    const summary = order.columns.map((c) => [c.position, c.name, c.type, c.nullable, c.default, c.identity, c.generated]);
    expect(summary).toEqual([
      [1, 'id', base('int4', 'integer'), false, null, 'by-default', null],
      [2, 'select', base('text', 'text'), false, null, null, null],
      [3, 'user_id', base('int8', 'bigint'), false, null, null, null],
      [4, 'quantity', base('int4', 'integer'), false, null, null, null],
      [5, 'unit_price', base('numeric', 'numeric(10,2)', { precision: 10, scale: 2 }), false, null, null, null],
      [6, 'total', base('numeric', 'numeric(12,2)', { precision: 12, scale: 2 }), true, '((quantity)::numeric * unit_price)', null, 'stored'],
      [7, 'rounded', base('numeric', 'numeric(3,-1)', { precision: 3, scale: -1 }), true, null, null, null],
      [8, 'priority', userType('app', 'Priority', 'enum', 'app."Priority"'), true, null, null, null],
      [9, 'price_window', userType('app', 'price_range', 'range', 'app.price_range'), true, null, null, null],
      [10, 'availability', userType('app', 'price_ranges', 'multirange', 'app.price_ranges'), true, null, null, null],
      [11, 'during', { ...base('tstzrange', 'tstzrange'), kind: 'range' }, true, null, null, null],
      [12, 'matrix', base('int4', 'integer[]', { arrayDimensions: 2 }), true, null, null, null],
      [13, 'cube_grid', base('float8', 'double precision[]', { arrayDimensions: 3 }), true, null, null, null],
      [14, 'labels', base('varchar', 'character varying(20)[]', { arrayDimensions: 1, length: 20 }), true, null, null, null],
      [15, 'note', userType('public', 'citext', 'base', 'public.citext'), true, null, null, null],
      [16, 'ttl', base('interval', 'interval minute'), true, null, null, null],
      [17, 'elapsed', base('interval', 'interval(2)', { precision: 2 }), true, null, null, null],
      [18, 'flags', base('bit', 'bit(8)', { length: 8 }), true, null, null, null],
      [19, 'mask', base('varbit', 'bit varying(16)', { length: 16 }), true, null, null, null],
      [20, 'starts_at', base('time', 'time(0) without time zone', { precision: 0 }), true, null, null, null],
    ]);
    expect(order.primaryKey).toEqual({ name: 'order_pkey', columns: ['id'] });
    expect(order.uniqueConstraints).toEqual([]);
    expect(order.foreignKeys).toEqual([
      {
        name: 'order_user_id_fkey',
        columns: ['user_id'],
        references: { schema: 'app', name: 'user', columns: ['id'] },
        onUpdate: 'restrict',
        onDelete: 'cascade',
      },
    ]);
  });

  it('reads check constraints with their expression text and the columns they mention, in table order', () => {
    expect(tableOf(snapshot, 'app.order').checks).toEqual([
      { name: 'order_price_within_total', expression: 'CHECK (unit_price <= total)', columns: ['unit_price', 'total'] },
      { name: 'order_quantity_check', expression: 'CHECK (quantity > 0)', columns: ['quantity'] },
    ]);
    // The expression names due_on first; the columns follow the table (issued_on is column 4).
    expect(tableOf(snapshot, 'billing.invoice').checks).toEqual([
      { name: 'invoice_due_after_issue', expression: 'CHECK (due_on >= issued_on)', columns: ['issued_on', 'due_on'] },
    ]);
  });

  it('reads expression and gin indexes, with null for an expression key', () => {
    const order = tableOf(snapshot, 'app.order');
    expect(order.indexes.map((i) => [i.name, i.columns, i.unique, i.primary, i.method, i.predicate])).toEqual([
      ['order_lower_select_idx', [null], false, false, 'btree', null],
      ['order_pkey', ['id'], true, true, 'btree', null],
      ['order_select_trgm_idx', ['select'], false, false, 'gin', null],
    ]);
    expect(order.indexes[0]!.definition).toBe('CREATE INDEX order_lower_select_idx ON app."order" USING btree (lower("select"))');
    // Plain column indexes carry no definition text; expression and partial ones do.
    expect(order.indexes[1]!.definition).toBeNull();
    expect(order.indexes[2]!.definition).toBeNull();
  });

  it('keeps a composite primary key, and a unique constraint apart from a unique expression index', () => {
    const invoice = tableOf(snapshot, 'billing.invoice');
    expect(invoice.primaryKey).toEqual({ name: 'invoice_pkey', columns: ['account_code', 'invoice_no'] });
    expect(invoice.uniqueConstraints).toEqual([{ name: 'invoice_reference_key', columns: ['reference'] }]);
    expect(invoice.indexes.map((i) => [i.name, i.columns, i.unique])).toEqual([
      ['invoice_lower_reference_idx', [null], true],
      ['invoice_pkey', ['account_code', 'invoice_no'], true],
      ['invoice_reference_key', ['reference'], true],
    ]);
    expect(invoice.indexes[0]!.definition).toBe('CREATE UNIQUE INDEX invoice_lower_reference_idx ON billing.invoice USING btree (lower(reference))');
    expect(columnOf(invoice, 'total').type).toEqual(userType('billing', 'money_amount', 'composite', 'billing.money_amount'));
  });

  it('pairs the columns of a composite foreign key declared in another order than the key', () => {
    const line = tableOf(snapshot, 'billing.invoice_line');
    expect(line.primaryKey).toEqual({ name: 'invoice_line_pkey', columns: ['line_account', 'line_invoice_no', 'line_no'] });
    expect(line.foreignKeys).toEqual([
      {
        name: 'invoice_line_invoice_fkey',
        columns: ['line_invoice_no', 'line_account'],
        references: { schema: 'billing', name: 'invoice', columns: ['invoice_no', 'account_code'] },
        onUpdate: 'no-action',
        onDelete: 'cascade',
      },
    ]);
  });

  it('lists a foreign key to a partitioned table once, not once per partition of the target', () => {
    expect(tableOf(snapshot, 'billing.refund').foreignKeys).toEqual([
      {
        name: 'refund_payment_fkey',
        columns: ['payment_id', 'payment_paid_on'],
        references: { schema: 'billing', name: 'payment', columns: ['id', 'paid_on'] },
        onUpdate: 'no-action',
        onDelete: 'no-action',
      },
    ]);
  });

  it('reads a table without a primary key, whose unique index is not a constraint', () => {
    const log = tableOf(snapshot, 'billing.audit_log');
    expect(log.primaryKey).toBeNull();
    expect(log.uniqueConstraints).toEqual([]);
    expect(log.indexes.map((i) => [i.name, i.columns, i.unique, i.primary])).toEqual([
      ['audit_log_event_id_idx', ['event_id'], true, false],
      ['audit_log_happened_at_idx', ['happened_at'], false, false],
    ]);
  });

  it('keeps quoted mixed-case, non-ASCII and reserved-word names exactly', () => {
    const strasse = tableOf(snapshot, 'Reporting.Straße_Überblick');
    expect(strasse.primaryKey).toBeNull();
    expect(strasse.columns.map((c) => [c.name, c.type.sql, c.nullable, c.default, c.comment])).toEqual([
      ['größe', 'integer', false, null, null],
      ['名前', 'text', true, null, 'Name, in Japanese'],
      ['MixedCase', 'boolean', true, 'false', null],
    ]);
    expect(tableOf(snapshot, 'Reporting.Zeta').primaryKey).toEqual({ name: 'Zeta_pkey', columns: ['id'] });
    expect(tableOf(snapshot, 'Reporting.Ärger').primaryKey).toEqual({ name: 'Ärger_pkey', columns: ['id'] });
    expect(tableOf(snapshot, 'Reporting.alpha').foreignKeys[0]!.references).toEqual({ schema: 'Reporting', name: 'Zeta', columns: ['id'] });
    const select = tableOf(snapshot, 'public.select');
    expect(select.columns.map((c) => c.name)).toEqual(['from', 'where', 'user']);
    expect(select.primaryKey).toEqual({ name: 'select_pkey', columns: ['from'] });
    expect(select.foreignKeys).toEqual([
      { name: 'select_user_fkey', columns: ['user'], references: { schema: 'app', name: 'user', columns: ['id'] }, onUpdate: 'no-action', onDelete: 'no-action' },
    ]);
    expect(columnOf(tableOf(snapshot, 'app.order'), 'select').type.sql).toBe('text');
  });

  it('marks views and materialized views, with their columns and comments', () => {
    expect(snapshot.views.map((v) => `${v.schema}.${v.name}:${v.kind}`)).toEqual(['Reporting.MonthlyTotals:materialized', 'Reporting.order_summary:view']);
    const summary = viewOf(snapshot, 'Reporting.order_summary');
    expect(summary.comment).toBe('Orders per user');
    expect(summary.columns.map((c) => [c.position, c.name, c.type.sql, c.nullable])).toEqual([
      [1, 'user_id', 'bigint', true],
      [2, 'order_count', 'bigint', true],
      [3, 'total', 'numeric', true],
    ]);
    expect(viewOf(snapshot, 'Reporting.MonthlyTotals').columns.map((c) => [c.name, c.type.sql])).toEqual([
      ['month', 'timestamp without time zone'],
      ['amount', 'numeric'],
    ]);
  });

  it('reads enums with their labels in declared order and their comments', () => {
    expect(snapshot.enums).toEqual([
      { schema: 'app', name: 'Priority', labels: ['low', 'Medium', 'HIGH', 'über'], comment: null },
      { schema: 'app', name: 'status', labels: ['draft', 'active', 'archived'], comment: 'Lifecycle of a record' },
    ]);
  });

  it('reads domains over domains with their checks, not-null and default, down to the base type', () => {
    const domains = new Map(snapshot.domains.map((d) => [`${d.schema}.${d.name}`, d]));
    expect([...domains.keys()]).toEqual(['app.email', 'app.positive_int', 'app.short_code', 'app.small_positive', 'app.tiny_positive']);
    const chain = (start: string): string[] => {
      const out = [start];
      let domain: DomainType | undefined = domains.get(start);
      while (domain) {
        const next = `${domain.baseType.schema}.${domain.baseType.name}`;
        out.push(next);
        domain = domain.baseType.kind === 'domain' ? domains.get(next) : undefined;
      }
      return out;
    };
    expect(chain('app.tiny_positive')).toEqual(['app.tiny_positive', 'app.small_positive', 'app.positive_int', 'pg_catalog.int4']);
    expect(domains.get('app.tiny_positive')).toEqual({
      schema: 'app',
      name: 'tiny_positive',
      baseType: userType('app', 'small_positive', 'domain', 'app.small_positive'),
      notNull: true,
      default: '1',
      checks: [{ name: 'tiny_positive_check', expression: 'CHECK (VALUE::integer < 10)' }],
      comment: 'A domain over a domain over a domain',
    });
    expect(domains.get('app.positive_int')).toMatchObject({
      baseType: base('int4', 'integer'),
      notNull: false,
      default: null,
      checks: [{ name: 'positive_int_check', expression: 'CHECK (VALUE > 0)' }],
    });
    expect(domains.get('app.email')).toMatchObject({
      baseType: userType('public', 'citext', 'base', 'public.citext'),
      checks: [{ name: 'email_has_at', expression: "CHECK (VALUE::text ~~ '%@%'::text)" }],
    });
    expect(domains.get('app.short_code')!.baseType).toEqual(base('varchar', 'character varying(8)', { length: 8 }));
  });

  it('reads composite types with their attributes in order, and range types with their multiranges', () => {
    expect(snapshot.compositeTypes).toEqual([
      {
        schema: 'app',
        name: 'address',
        attributes: [
          { name: 'street', type: base('text', 'text') },
          { name: 'city', type: base('varchar', 'character varying(80)', { length: 80 }) },
          { name: 'postcode', type: base('bpchar', 'character(5)', { length: 5 }) },
          { name: 'tags', type: base('text', 'text[]', { arrayDimensions: 1 }) },
        ],
        comment: 'A postal address',
      },
      {
        schema: 'billing',
        name: 'money_amount',
        attributes: [
          { name: 'amount', type: base('numeric', 'numeric(12,2)', { precision: 12, scale: 2 }) },
          { name: 'currency', type: base('bpchar', 'character(3)', { length: 3 }) },
        ],
        comment: null,
      },
    ]);
    expect(snapshot.ranges).toEqual([
      { schema: 'app', name: 'float_range', subtype: base('float8', 'double precision'), multirange: 'float_multirange', comment: null },
      { schema: 'app', name: 'price_range', subtype: base('numeric', 'numeric'), multirange: 'price_ranges', comment: 'A span of prices' },
    ]);
  });

  it('leaves out objects owned by extensions (earthdistance’s domain, tablefunc’s types, pg_buffercache’s views)', () => {
    const everything = [
      ...snapshot.tables,
      ...snapshot.views,
      ...snapshot.enums,
      ...snapshot.domains,
      ...snapshot.compositeTypes,
      ...snapshot.ranges,
    ].map((o) => `${o.schema}.${o.name}`);
    expect(everything.filter((name) => name.startsWith('public.'))).toEqual(['public.select']);
    expect(everything).not.toContain('public.earth');
    expect(everything).not.toContain('public.pg_buffercache');
    expect(everything).not.toContain('public.tablefunc_crosstab_2');
  });

  it('gives byte-identical output on a second run', async () => {
    const again = await database.introspect();
    expect(serializeSnapshot(again.snapshot)).toBe(serializeSnapshot(snapshot));
  });
});

describe(`schema selection (${target.kind} database)`, () => {
  it.each([[['app']], [['billing']], [['Reporting']], [['billing', 'app']]])(
    '%j gives what selecting from the full snapshot gives',
    async (schemas) => {
      const selected = await database.introspect({ schemas });
      expect(content(selected.snapshot)).toEqual(content(selectSchemas(snapshot, schemas)));
      expect(selected.roundTrips).toBe(8);
    },
  );

  it('["app"] keeps app and the types its columns reach, and nothing of billing', async () => {
    const { snapshot: app } = await database.introspect({ schemas: ['app'] });
    expect(app.schemas.map((s) => s.name)).toEqual(['app']);
    expect(app.tables.map((t) => t.name)).toEqual(['order', 'user']);
    expect(app.views).toEqual([]);
    expect(app.compositeTypes.map((c) => `${c.schema}.${c.name}`)).toEqual(['app.address']);
    expect(app.domains.map((d) => d.name)).toEqual(['email', 'positive_int', 'short_code', 'small_positive', 'tiny_positive']);
  });

  it('["billing"] keeps the partitions of its tables that live elsewhere, and the range a multirange column reaches', async () => {
    const { snapshot: billing } = await database.introspect({ schemas: ['billing'] });
    expect(billing.tables.map((t) => t.name)).toEqual(['account', 'audit_log', 'invoice', 'invoice_line', 'payment', 'refund']);
    expect(tableOf(billing, 'billing.payment').partitions).toEqual(tableOf(snapshot, 'billing.payment').partitions);
    expect(columnOf(tableOf(billing, 'billing.audit_log'), 'quiet_hours').type).toEqual(
      userType('app', 'float_multirange', 'multirange', 'app.float_multirange'),
    );
    expect(billing.ranges.map((r) => `${r.schema}.${r.name}`)).toEqual(['app.float_range']);
    expect(billing.compositeTypes.map((c) => `${c.schema}.${c.name}`)).toEqual(['billing.money_amount']);
    expect([billing.enums, billing.domains]).toEqual([[], []]);
  });

  it('names the missing schemas and the ones that exist (names are case-sensitive)', async () => {
    const error = await database.introspect({ schemas: ['app', 'reporting', 'nope'] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SchemaNotFoundError);
    expect(error).toMatchObject({
      code: 'RR_SCHEMA_NOT_FOUND',
      missing: ['reporting', 'nope'],
      available: ['Reporting', 'app', 'billing', 'empty_zone', 'public'],
      message:
        'schemas "reporting", "nope" not found in the database. Schemas that exist: "Reporting", "app", "billing", "empty_zone", "public". Fix the --schema list.',
    });
  });

  it('gives an empty snapshot and a warning for a schema with nothing in it', async () => {
    const empty = await database.introspect({ schemas: ['empty_zone'] });
    expect(empty.warnings).toEqual(['no tables or views found in schema "empty_zone": the snapshot is empty.']);
    expect(content(empty.snapshot)).toMatchObject({
      schemas: [{ name: 'empty_zone', comment: null }],
      tables: [],
      views: [],
      enums: [],
      domains: [],
      compositeTypes: [],
      ranges: [],
    });
  });
});

// Key columns come from the catalog as attribute numbers and are named from the columns read
// (catalog-queries.ts); this schema has what numbering could get wrong.
const KEYED_SQL = `
CREATE SCHEMA keyed;
CREATE SCHEMA other;
CREATE TABLE other.target (dropped integer, id integer NOT NULL, code text NOT NULL, UNIQUE (id, code));
ALTER TABLE other.target DROP COLUMN dropped;
CREATE TABLE keyed.item (
  a integer,
  gone integer,
  b text,
  c integer,
  CONSTRAINT item_target_fkey FOREIGN KEY (c, b) REFERENCES other.target (id, code),
  CONSTRAINT item_positive_check CHECK (c > a AND tableoid <> 0)
);
ALTER TABLE keyed.item DROP COLUMN gone;
CREATE UNIQUE INDEX item_covering ON keyed.item (c, lower(b)) INCLUDE (a);
`;

describe(`key columns named from attribute numbers (${target.kind} database)`, () => {
  let keyed: TestDatabase;
  beforeAll(async () => {
    keyed = await createTestDatabase(KEYED_SQL, 'keyed');
  });
  afterAll(async () => {
    await keyed?.drop();
  });

  it.each([[['keyed']], [['keyed', 'other']]])('names them past dropped columns, with %j selected', async (schemas) => {
    const { snapshot: selected } = await keyed.introspect({ schemas });
    const item = tableOf(selected, 'keyed.item');
    // The referenced table's columns are read only when its schema is selected; either way they are named.
    expect(item.foreignKeys.map((fk) => [fk.columns, fk.references])).toEqual([[['c', 'b'], { schema: 'other', name: 'target', columns: ['id', 'code'] }]]);
    // A check lists its columns in table order, and the system column it names first (tableoid is attribute -6).
    expect(item.checks.map((check) => check.columns)).toEqual([['tableoid', 'a', 'c']]);
    // INCLUDE columns are not keys; an expression key is null.
    expect(item.indexes.map((index) => [index.name, index.columns])).toEqual([['item_covering', ['c', null]]]);
  });

  it('names a key of a selected table that another selected table references', async () => {
    const { snapshot: both } = await keyed.introspect({ schemas: ['keyed', 'other'] });
    expect(tableOf(both, 'other.target').uniqueConstraints.map((u) => u.columns)).toEqual([['id', 'code']]);
  });
});

// Loading 1,000 tables into the embedded database takes minutes; it gets a smaller large case.
const sizes = target.kind === 'server' ? [10, 1_000] : [10, 100];

describe(`round trips do not grow with the schema (${target.kind} database, ${sizes.join(' and ')} tables)`, () => {
  it('takes the same 8 round trips for a small and a large synthetic schema', async () => {
    const trips: number[] = [];
    for (const size of sizes) {
      const synthetic = await createTestDatabase(syntheticSchemaSql(size), `synthetic_${size}`);
      try {
        const result = await synthetic.introspect();
        expect(result.snapshot.tables).toHaveLength(size);
        expect(result.snapshot.tables.reduce((n, t) => n + t.foreignKeys.length, 0)).toBe(size - 1);
        expect(result.snapshot.enums.map((e) => e.name)).toEqual(['synthetic_status']);
        trips.push(result.roundTrips);
      } finally {
        await synthetic.drop();
      }
    }
    expect(trips).toEqual([8, 8]);
  }, 300_000);
});
