import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { column, diagnosticsWith, model } from '../testing/lookup.js';
import { col, enumType, snapshot, table } from '../testing/snapshot-builder.js';

const id = col('id', 'uuid');

describe('table names', () => {
  const set = mapSchema(
    snapshot({
      tables: [
        table('users', [id]),
        table('playlist_track', [id]),
        table('people', [id]),
        table('statuses', [id]),
        table('data', [id]),
        table('media', [id]),
        table('credit_notes', [id]),
        table('events', [id], { schema: 'audit' }),
      ],
    }),
  );

  it('camelCases the Zero name, keeping the plural, with .from() when it differs', () => {
    expect(model(set, 'public.users')).toMatchObject({ zeroName: 'users', from: null });
    expect(model(set, 'public.playlist_track')).toMatchObject({ zeroName: 'playlistTrack', from: 'playlist_track' });
    expect(model(set, 'public.credit_notes')).toMatchObject({ zeroName: 'creditNotes', from: 'credit_notes' });
  });

  it('singularises and PascalCases model names, irregulars included; file names are kebab-case singular', () => {
    const names = (key: string) => [model(set, key).modelName, model(set, key).fileName];
    expect(names('public.users')).toEqual(['User', 'user']);
    expect(names('public.people')).toEqual(['Person', 'person']);
    expect(names('public.statuses')).toEqual(['Status', 'status']);
    expect(names('public.data')).toEqual(['Data', 'data']);
    expect(names('public.media')).toEqual(['Media', 'media']);
    expect(names('public.credit_notes')).toEqual(['CreditNote', 'credit-note']);
    expect(model(set, 'public.people')).toMatchObject({
      singularName: 'person',
      pluralName: 'people',
      typeNames: { row: 'PersonRow', insert: 'PersonInsert', update: 'PersonUpdate' },
    });
  });

  it('prefixes tables outside public and gives .from(schema.table)', () => {
    expect(model(set, 'audit.events')).toMatchObject({ zeroName: 'auditEvents', from: 'audit.events', modelName: 'AuditEvent', fileName: 'audit-event' });
  });

  it('takes schema prefixes and unprefixed schemas from config', () => {
    const schema = snapshot({ tables: [table('events', [id], { schema: 'audit' }), table('jobs', [id], { schema: 'app' })] });
    const set2 = mapSchema(schema, { names: { schemaPrefixes: { audit: 'log' }, unprefixedSchemas: ['public', 'app'] } });
    expect(model(set2, 'audit.events')).toMatchObject({ zeroName: 'logEvents', modelName: 'LogEvent', from: 'audit.events' });
    expect(model(set2, 'app.jobs')).toMatchObject({ zeroName: 'jobs', modelName: 'Job', from: 'app.jobs' });
  });

  it('takes table and model names from config', () => {
    const set2 = mapSchema(snapshot({ tables: [table('people', [id])] }), { tables: { people: { name: 'humans', model: 'Human' } } });
    expect(model(set2, 'public.people')).toMatchObject({ zeroName: 'humans', from: 'people', modelName: 'Human', fileName: 'human' });
  });
});

describe('column names', () => {
  const schema = snapshot({
    tables: [table('users', [id, col('first_name', 'text'), col('userId', 'uuid'), col('user_id', 'uuid'), col('default', 'text'), col('2fa_enabled', 'bool'), col('naïve', 'text')])],
  });

  it('camelCases with .from(), and keeps names already spelled that way', () => {
    const users = model(mapSchema(schema), 'public.users');
    expect(column(users, 'first_name')).toMatchObject({ name: 'firstName', from: 'first_name' });
    expect(column(users, 'id')).toMatchObject({ name: 'id', from: null });
  });

  it('settles two columns that want the same name deterministically, and reports it', () => {
    const set = mapSchema(schema);
    const users = model(set, 'public.users');
    expect(column(users, 'userId').name).toBe('userId');
    expect(column(users, 'user_id')).toMatchObject({ name: 'user_id', from: null });
    expect(diagnosticsWith(set, 'RR_NAME_COLLISION').map((d) => [d.severity, d.where])).toEqual([['warning', 'public.users.user_id']]);
  });

  it('gives reserved, invalid and non-ASCII names safe names, with a diagnostic', () => {
    const set = mapSchema(schema);
    const users = model(set, 'public.users');
    expect(column(users, 'default')).toMatchObject({ name: 'default_', from: 'default' });
    expect(column(users, '2fa_enabled')).toMatchObject({ name: '_2faEnabled', from: '2fa_enabled' });
    expect(column(users, 'naïve')).toMatchObject({ name: 'naive', from: 'naïve' });
    expect(diagnosticsWith(set, 'RR_RESERVED_NAME').map((d) => d.where)).toEqual(['public.users.default']);
    expect(diagnosticsWith(set, 'RR_INVALID_NAME').map((d) => d.where)).toEqual(['public.users.2fa_enabled', 'public.users.naïve']);
  });

  it('keeps database names as they are when asked', () => {
    const users = model(mapSchema(schema, { names: { keepDatabaseNames: true } }), 'public.users');
    expect(column(users, 'first_name')).toMatchObject({ name: 'first_name', from: null, zero: { expression: 'string().optional()' } });
  });

  it('takes a column name from config', () => {
    const users = model(mapSchema(schema, { columns: { 'users.first_name': { name: 'givenName' } } }), 'public.users');
    expect(column(users, 'first_name')).toMatchObject({ name: 'givenName', from: 'first_name' });
  });
});

describe('collisions between tables', () => {
  it('disambiguates two tables that want the same Zero and model name, whatever the input order', () => {
    const tables = [table('user_data', [id]), table('userData', [id])];
    const forward = mapSchema(snapshot({ tables }));
    const backward = mapSchema(snapshot({ tables: [...tables].reverse() }));
    expect(forward).toEqual(backward);
    expect(model(forward, 'public.userData')).toMatchObject({ zeroName: 'userData', modelName: 'UserData', fileName: 'user-data' });
    expect(model(forward, 'public.user_data')).toMatchObject({ zeroName: 'user_data', modelName: 'UserData2', fileName: 'user-data2' });
    expect(diagnosticsWith(forward, 'RR_NAME_COLLISION').map((d) => d.where)).toEqual(['public.user_data', 'public.user_data']);
  });

  it('keeps file names apart on a case-insensitive file system', () => {
    const set = mapSchema(snapshot({ tables: [table('ab_tests', [id]), table('experiments', [id])] }), { tables: { experiments: { model: 'ABTest' } } });
    const files = set.models.map((m) => m.fileName.toLowerCase());
    expect(new Set(files).size).toBe(files.length);
    expect(model(set, 'public.ab_tests')).toMatchObject({ modelName: 'AbTest', fileName: 'ab-test' });
    expect(model(set, 'public.experiments')).toMatchObject({ modelName: 'ABTest', fileName: 'ab-test2' });
    expect(diagnosticsWith(set, 'RR_NAME_COLLISION').map((d) => d.message)).toEqual([
      "file name 'ab-test' is also wanted by public.ab_tests; this one is named 'ab-test2'",
    ]);
  });

  it('keeps the same table name in two schemas apart by their prefixes', () => {
    const set = mapSchema(snapshot({ tables: [table('events', [id]), table('events', [id], { schema: 'audit' })] }));
    expect(set.models.map((m) => m.zeroName)).toEqual(['auditEvents', 'events']);
    expect(diagnosticsWith(set, 'RR_NAME_COLLISION')).toEqual([]);
  });

  it('renames an enum whose union name a model already has', () => {
    const set = mapSchema(
      snapshot({ enums: [enumType('user_role', ['admin'])], tables: [table('user_roles', [id, col('role', 'enum:user_role')])] }),
    );
    expect(model(set, 'public.user_roles').modelName).toBe('UserRole');
    expect(set.enums[0]?.name).toBe('UserRoleEnum');
    expect(column(model(set, 'public.user_roles'), 'role').zero.call).toBe('enumeration<UserRoleEnum>()');
  });

  it('gives a reserved table name a safe Zero name', () => {
    const set = mapSchema(snapshot({ tables: [table('class', [id])] }));
    expect(model(set, 'public.class')).toMatchObject({ zeroName: 'class_', from: 'class', modelName: 'Class' });
    expect(diagnosticsWith(set, 'RR_RESERVED_NAME').map((d) => d.where)).toEqual(['public.class']);
  });
});

describe('reserved type names', () => {
  it('keeps models and enums off names the generated code uses', () => {
    const set = mapSchema(snapshot({ enums: [enumType('schema', ['a'])], tables: [table('maps', [id, col('kind', 'enum:schema')]), table('rows', [id])] }));
    expect(model(set, 'public.maps').modelName).toBe('Maps');
    expect(model(set, 'public.rows').modelName).toBe('Rows');
    expect(set.enums[0]?.name).toBe('SchemaEnum');
    expect(diagnosticsWith(set, 'RR_RESERVED_NAME').map((d) => d.where)).toEqual(['public.maps', 'public.rows', 'public.schema']);
  });
});
