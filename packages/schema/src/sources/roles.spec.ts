/**
 * Passwords, privileges and least privilege on a private PostgreSQL cluster with scram-sha-256
 * authentication (the shared test server trusts everyone, so a password there proves nothing).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, SchemaAccessError, SchemaError } from '../errors.js';
import { serializeSnapshot } from '../snapshot/canonical.js';
import { requirePrivateCluster, startPrivateCluster, type PrivateCluster } from '../testing/private-cluster.js';
import { tapIntrospectionQueries } from '../testing/query-tap.js';
import { introspectDatabase } from './live-database.js';

/** Characters that must be URL-encoded, so a leak of the encoded form is caught too. */
const PASSWORD = 'Rr-re@der:pa55/w%rd#1';
const READER = 'rr_reader';
const available = requirePrivateCluster('password and privilege tests (roles.spec.ts)');

async function failure(promise: Promise<unknown>): Promise<SchemaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SchemaError);
  const text = `${(error as Error).message}\n${(error as Error).stack}`;
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(encodeURIComponent(PASSWORD));
  return error as SchemaError;
}

describe.runIf(available)('against a private cluster with password authentication', () => {
  let cluster: PrivateCluster;
  const readerUrl = (password = PASSWORD) => cluster.url({ user: READER, password, database: 'app' });

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    await cluster.exec('CREATE DATABASE app');
    await cluster.exec(
      `CREATE SCHEMA open; CREATE SCHEMA secret;
       CREATE TYPE public.state AS ENUM ('on', 'off');
       CREATE TABLE public.things (id int PRIMARY KEY, state public.state NOT NULL DEFAULT 'on', name text CHECK (name <> ''));
       CREATE TABLE open.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, thing_id int REFERENCES public.things (id), body text);
       CREATE INDEX notes_body ON open.notes (lower(body));
       CREATE VIEW open.note_bodies AS SELECT body FROM open.notes;
       CREATE TABLE secret.keys (id int PRIMARY KEY, value text NOT NULL);
       -- The reader may connect and use two schemas, and nothing else: no SELECT on any table,
       -- no CREATE anywhere, no temporary tables.
       CREATE ROLE ${READER} LOGIN PASSWORD '${PASSWORD}';
       REVOKE ALL ON DATABASE app FROM PUBLIC;
       GRANT CONNECT ON DATABASE app TO ${READER};
       REVOKE CREATE ON SCHEMA public FROM PUBLIC;
       GRANT USAGE ON SCHEMA open TO ${READER};`,
      'app',
    );
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('a wrong password is RR_AUTH_FAILED, naming the user and the server, showing neither password', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const error = await failure(introspectDatabase({ url: readerUrl(wrong), connectTimeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('RR_AUTH_FAILED');
    expect(error.message).toBe(
      `PostgreSQL at 127.0.0.1:${cluster.port} rejected user "${READER}": password authentication failed for user "${READER}". ` +
        'Check the user and password of the database URL.',
    );
    expect(error.message).not.toContain(wrong);
  });

  it('no password, where the server asks for one, is RR_AUTH_FAILED saying where to put it', async () => {
    const error = await failure(introspectDatabase({ url: cluster.url({ user: READER, database: 'app' }) }));
    expect(error.code).toBe('RR_AUTH_FAILED');
    expect(error.message).toBe(
      `PostgreSQL at 127.0.0.1:${cluster.port} asks user "${READER}" for a password, and the database URL has none. ` +
        'Add it to the URL (postgres://user:password@host/database) or set PGPASSWORD.',
    );
  });

  it('a schema named with --schema that the role may not use is RR_PERMISSION_DENIED, saying what to grant', async () => {
    const error = await failure(introspectDatabase({ url: readerUrl(), schemas: ['open', 'secret'] }));
    expect(error).toBeInstanceOf(SchemaAccessError);
    expect(error.code).toBe('RR_PERMISSION_DENIED');
    expect(error.message).toBe(
      `role "${READER}" may not read schema "secret" (no USAGE privilege). Grant it (GRANT USAGE ON SCHEMA "secret" TO "${READER}"), ` +
        'connect as a role that has it, or leave the schema out of --schema.',
    );
  });

  it('by default, a schema the role may not use is left out and the warning says so', async () => {
    const reader = await introspectDatabase({ url: readerUrl() });
    expect(reader.snapshot.schemas.map((s) => s.name)).toEqual(['open', 'public']);
    expect(reader.snapshot.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['open.notes', 'public.things']);
    expect(reader.warnings).toEqual([
      `left out schema "secret": role "${READER}" has no USAGE privilege on it. Grant it to include it, or choose the schemas with --schema.`,
    ]);
    // The superuser sees it: the omission is the role's, not the database's.
    const owner = await introspectDatabase({ url: cluster.url({ database: 'app' }) });
    expect(owner.snapshot.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['open.notes', 'public.things', 'secret.keys']);
    expect(owner.warnings).toEqual([]);
  });

  it('a role that may only connect and read the catalog gets the whole snapshot, and writes nothing', async () => {
    // The reader really has no table privileges and cannot create anything.
    const { rows } = await queryAs(readerUrl(), `
      SELECT bool_or(has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE')) AS any_table,
             has_database_privilege('app', 'CREATE') OR has_database_privilege('app', 'TEMP') AS create_or_temp,
             bool_or(has_schema_privilege(n.oid, 'CREATE')) AS create_in_schema
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'open', 'secret') AND c.relkind IN ('r', 'v')`);
    expect(rows).toEqual([{ any_table: false, create_or_temp: false, create_in_schema: false }]);

    const statements: string[] = [];
    const transactionIds: unknown[] = [];
    const untap = tapIntrospectionQueries(async ({ sql, sameSession }) => {
      statements.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
      // Any write, even to a temporary table, gives the transaction an id; a reader never has one.
      if (sql === 'COMMIT') transactionIds.push((await sameSession('SELECT pg_current_xact_id_if_assigned() AS xid')).rows[0].xid);
    });
    let reader;
    try {
      reader = await introspectDatabase({ url: readerUrl(), schemas: ['open', 'public'] });
    } finally {
      untap();
    }
    const owner = await introspectDatabase({ url: cluster.url({ database: 'app' }), schemas: ['open', 'public'] });
    expect(serializeSnapshot(reader.snapshot)).toBe(serializeSnapshot(owner.snapshot));
    expect(reader.snapshot.tables.find((t) => t.name === 'things')?.columns.map((c) => c.default)).toEqual([null, "'on'::public.state", null]);
    expect(statements).toEqual(['BEGIN TRANSACTION', 'SELECT n.nspname::text', 'SELECT c.oid::text', 'SELECT a.attrelid::text', 'SELECT co.conrelid::text', 'SELECT i.indrelid::text', 'WITH RECURSIVE', 'COMMIT']);
    expect(transactionIds).toEqual([null]);
  });
});

async function queryAs(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
