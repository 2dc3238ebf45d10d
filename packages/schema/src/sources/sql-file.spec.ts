/**
 * The embedded source: a .sql file loaded into PGlite in this process. These tests always use
 * the embedded database; the comparison with the server runs when a server is available.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaError, SqlFileError } from '../errors.js';
import type { Introspection } from '../introspect/introspect.js';
import { diffSnapshots } from '../snapshot/diff.js';
import { content, KITCHEN_SINK_FILE, kitchenSinkSql, tableOf } from '../testing/fixtures.js';
import { createServerDatabase, testDatabaseTarget } from '../testing/test-database.js';
import { describeDatabase, introspectDatabase } from './live-database.js';
import { loadSchema } from './schema-source.js';
import { introspectSqlFile } from './sql-file.js';

const target = await testDatabaseTarget();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-sql-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sqlFile(name: string, lines: readonly string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

async function loadError(file: string): Promise<SqlFileError> {
  const error = await introspectSqlFile({ file }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SqlFileError);
  return error as SqlFileError;
}

describe('the kitchen-sink fixture through the embedded database', () => {
  let embedded: Introspection;
  beforeAll(async () => {
    embedded = await introspectSqlFile({ file: KITCHEN_SINK_FILE });
  });

  it('loads every statement, extensions included, in 8 round trips and without warnings', () => {
    expect(embedded.warnings).toEqual([]);
    expect(embedded.roundTrips).toBe(8);
    expect(embedded.snapshot.meta.source).toEqual({ kind: 'sql-file', description: 'kitchen-sink.sql' });
    expect(embedded.snapshot.meta.serverVersion).toMatch(/^18\./);
    expect(embedded.snapshot.tables).toHaveLength(13);
  });

  describe.runIf(target.kind === 'server')('compared with the same fixture on the server', () => {
    let live: Introspection;
    let databaseName: string;
    beforeAll(async () => {
      if (target.kind !== 'server') return;
      const database = await createServerDatabase(target.url, kitchenSinkSql(), 'kitchen_sink_vs_embedded');
      databaseName = database.name;
      try {
        live = await introspectDatabase({ url: database.url });
      } finally {
        await database.drop();
      }
    });

    it('gives the same snapshot: equal content, equal fingerprint, no differences', () => {
      expect(content(embedded.snapshot)).toEqual(content(live.snapshot));
      expect(embedded.snapshot.fingerprint).toBe(live.snapshot.fingerprint);
      expect(diffSnapshots(live.snapshot, embedded.snapshot)).toEqual({ identical: true, changes: [] });
    });

    it('differs only in meta: where it came from and the server version (15 there, 18 embedded)', () => {
      expect(live.snapshot.meta.source.kind).toBe('database');
      expect(live.snapshot.meta.source.description).toBe(`${describeDatabase(target.kind === 'server' ? target.url : '').replace(/\/[^/]*$/, '')}/${databaseName}`);
      expect(live.snapshot.meta.serverVersion).not.toBe(embedded.snapshot.meta.serverVersion);
      expect(live.roundTrips).toBe(embedded.roundTrips);
    });
  });
});

describe('dump files: psql meta-commands, data, roles and transactions', () => {
  let result: Introspection;
  let file: string;
  beforeAll(async () => {
    file = await sqlFile('dump.sql', [
      '--',
      '-- PostgreSQL database dump',
      '--',
      '\\restrict Zq8vVb2Xk',
      "SET client_encoding = 'UTF8';",
      'SET standard_conforming_strings = on;',
      "SELECT pg_catalog.set_config('search_path', '', false);",
      'CREATE ROLE app_owner;',
      'CREATE DATABASE app_production WITH TEMPLATE = template0;',
      '\\connect app_production',
      'CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;',
      "COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';",
      'CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;',
      "COMMENT ON EXTENSION postgis IS 'PostGIS geometry and geography spatial types and functions';",
      'BEGIN;',
      "CREATE TYPE public.mood AS ENUM ('sad', 'happy');",
      'COMMIT;',
      "ALTER TYPE public.mood ADD VALUE 'ecstatic';",
      'CREATE TABLE public.people (',
      '    id bigint NOT NULL,',
      '    email public.citext NOT NULL,',
      "    mood public.mood DEFAULT 'ecstatic'::public.mood NOT NULL,",
      "    note text DEFAULT E'semi;colon\\'s'",
      ');',
      'ALTER TABLE public.people OWNER TO app_owner;',
      'COPY public.people (id, email, mood, note) FROM stdin;',
      '1\ta@example.com\tsad\tCREATE TABLE not_a_table (id int);',
      '2\tb@example.com\thappy\t\\N',
      '\\.',
      'ALTER TABLE ONLY public.people ADD CONSTRAINT people_pkey PRIMARY KEY (id);',
      'CREATE INDEX CONCURRENTLY people_email_idx ON public.people USING btree (email);',
      'GRANT SELECT ON TABLE public.people TO app_reader;',
      'ALTER TABLE public.people ENABLE ROW LEVEL SECURITY;',
      'CREATE POLICY people_own ON public.people TO app_owner USING (true);',
      '-- PostgreSQL 18 (the embedded database) has virtual generated columns.',
      'CREATE TABLE public.totals (a integer, doubled integer GENERATED ALWAYS AS (a * 2) VIRTUAL);',
      '\\unrestrict Zq8vVb2Xk',
    ]);
    result = await introspectSqlFile({ file });
  });

  it('loads the schema, leaving out what does not shape it, and says what it left out', () => {
    expect(result.snapshot.tables.map((t) => t.name)).toEqual(['people', 'totals']);
    expect(result.warnings).toEqual([
      `${file}:13: extension "postgis" is not available in the embedded database; skipped. Objects that need it will fail: use --database-url with a server that has it.`,
      `${file}: left out 8 statements that do not shape the schema (database, role, privilege, policy, transaction control, data) and 2 COPY data rows.`,
    ]);
  });

  it('keeps strings with semicolons, enum values added later, and extension types', () => {
    const people = tableOf(result.snapshot, 'public.people');
    expect(people.columns.map((c) => [c.name, c.type.sql, c.default])).toEqual([
      ['id', 'bigint', null],
      ['email', 'public.citext', null],
      ['mood', 'public.mood', "'ecstatic'::public.mood"],
      ['note', 'text', "'semi;colon''s'::text"],
    ]);
    expect(people.primaryKey).toEqual({ name: 'people_pkey', columns: ['id'] });
    expect(people.indexes.map((i) => i.name)).toEqual(['people_email_idx', 'people_pkey']);
    expect(result.snapshot.enums).toEqual([{ schema: 'public', name: 'mood', labels: ['sad', 'happy', 'ecstatic'], comment: null }]);
  });

  it('reads a virtual generated column (a PostgreSQL 18 feature) as virtual', () => {
    const doubled = tableOf(result.snapshot, 'public.totals').columns[1]!;
    expect([doubled.name, doubled.generated, doubled.default]).toEqual(['doubled', 'virtual', '(a * 2)']);
  });
});

describe('a .sql file that fails names the file, the line and the PostgreSQL message', () => {
  it('a syntax error', async () => {
    const file = await sqlFile('syntax.sql', ['CREATE TABLE a (id int);', '', 'SELEC 1;', 'CREATE TABLE b (id int);']);
    const error = await loadError(file);
    expect(error.code).toBe('RR_SQL_FILE_FAILED');
    expect([error.file, error.line, error.postgresMessage, error.skippedExtensions]).toEqual([file, 3, 'syntax error at or near "SELEC"', []]);
    expect(error.message).toBe(
      `${file}:3: syntax error at or near "SELEC"\nFix the statement, or introspect a live database with --database-url instead of --sql.`,
    );
  });

  it('an error inside a long statement, at the line of the offending word', async () => {
    const file = await sqlFile('inside.sql', ['CREATE TABLE a (id int);', 'CREATE TABLE b (', '  id int,', '  owner nosuchtype', ');']);
    const error = await loadError(file);
    expect([error.line, error.postgresMessage]).toEqual([4, 'type "nosuchtype" does not exist']);
  });

  it('an error PostgreSQL gives no position for, inside explicit BEGIN … COMMIT', async () => {
    const file = await sqlFile('transaction.sql', ['BEGIN;', 'CREATE TABLE a (id int);', 'CREATE TABLE a (id int);', 'COMMIT;']);
    const error = await loadError(file);
    expect([error.line, error.postgresMessage]).toEqual([3, 'relation "a" already exists']);
  });

  it('an extension named like an Object.prototype member is an unknown extension, skipped with a warning', async () => {
    const file = await sqlFile('builtin-extension.sql', ['CREATE EXTENSION IF NOT EXISTS "toString";', 'CREATE EXTENSION IF NOT EXISTS "constructor";', 'CREATE TABLE a (id bigint PRIMARY KEY);']);
    const loaded = await introspectSqlFile({ file });
    expect(loaded.snapshot.tables.map((t) => t.name)).toEqual(['a']);
    expect(loaded.warnings).toEqual([
      expect.stringContaining(`${file}:1: extension "toString" is not available in the embedded database; skipped.`),
      expect.stringContaining(`${file}:2: extension "constructor" is not available in the embedded database; skipped.`),
    ]);
  });

  it('a statement that needs an extension the embedded database skipped names the extension', async () => {
    const file = await sqlFile('postgis.sql', [
      'CREATE EXTENSION IF NOT EXISTS postgis;',
      'CREATE TABLE places (',
      '  id bigint PRIMARY KEY,',
      '  location geometry(Point, 4326)',
      ');',
    ]);
    const error = await loadError(file);
    expect([error.line, error.postgresMessage, error.skippedExtensions]).toEqual([4, 'type "geometry" does not exist', ['postgis']]);
    expect(error.message).toBe(
      `${file}:4: type "geometry" does not exist\n` +
        'The embedded database skipped extension postgis; this statement may depend on it.\n' +
        'Fix the statement, or introspect a live database with --database-url instead of --sql.',
    );
  });
});

describe('an unreadable .sql file', () => {
  it('a missing file', async () => {
    const file = join(dir, 'missing.sql');
    const error = await introspectSqlFile({ file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaError);
    expect(error).toMatchObject({ code: 'RR_SQL_FILE_UNREADABLE', message: `cannot read ${file}: no such file. Check the --sql path.` });
  });

  it('a missing file through loadSchema', async () => {
    const file = join(dir, 'also-missing.sql');
    await expect(loadSchema({ kind: 'sql-file', file })).rejects.toMatchObject({ code: 'RR_SQL_FILE_UNREADABLE' });
  });

  it('a directory', async () => {
    const path = join(dir, 'db.sql');
    await mkdir(path);
    const error = await introspectSqlFile({ file: path }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RR_SQL_FILE_UNREADABLE', message: `cannot read ${path}: it is a directory. Check the --sql path.` });
  });
});
