/**
 * Faults between the round trips of a real introspection: another session changes the schema
 * and commits, the server ends the session, the network cuts the stream. The tap pauses the
 * introspection before round trip N; everything else is the real server and the real code.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntrospectionError } from '../errors.js';
import type { Introspection } from '../introspect/introspect.js';
import { serializeSnapshot } from '../snapshot/canonical.js';
import type { SchemaSnapshot } from '../snapshot/types.js';
import { cuttableProxy } from '../testing/loopback.js';
import { tapIntrospectionQueries } from '../testing/query-tap.js';
import { createServerDatabase, testDatabaseTarget, type ServerDatabase } from '../testing/test-database.js';
import { introspectDatabase } from './live-database.js';

const target = await testDatabaseTarget();

const SCHEMA = `
  CREATE TYPE public.state AS ENUM ('on', 'off');
  CREATE TABLE public.things (id int PRIMARY KEY, state public.state NOT NULL DEFAULT 'on');
  CREATE TABLE public.parts (id int PRIMARY KEY, thing_id int NOT NULL REFERENCES public.things (id));`;

/** One of every kind of change a migration makes, committed by another session. */
const MIGRATION = `
  BEGIN;
  ALTER TABLE public.things ADD COLUMN label text NOT NULL DEFAULT 'x' CHECK (label <> '');
  CREATE TABLE public.added (id int PRIMARY KEY REFERENCES public.things (id));
  CREATE INDEX parts_thing ON public.parts (thing_id);
  ALTER TABLE public.parts DROP CONSTRAINT parts_thing_id_fkey;
  CREATE DOMAIN public.positive AS int CHECK (VALUE > 0);
  COMMIT;
  ALTER TYPE public.state ADD VALUE 'broken';`;

/** The snapshot file's text without `meta`, which names the database. */
const content = (snapshot: SchemaSnapshot) => serializeSnapshot({ ...snapshot, meta: { source: { kind: 'database', description: '' }, serverVersion: '' } });

/** Introspects with `during` run before round trip `roundTrip` (1 is BEGIN, 8 is COMMIT). */
async function introspectWith(url: string, roundTrip: number, during: () => Promise<void>): Promise<Introspection> {
  const untap = tapIntrospectionQueries(async (query) => {
    if (query.roundTrip === roundTrip) await during();
  });
  try {
    return await introspectDatabase({ url });
  } finally {
    untap();
  }
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (error: unknown) => error,
  );
}

function expectConnectionLost(error: unknown): void {
  expect(error).toBeInstanceOf(IntrospectionError);
  expect(error).toMatchObject({ code: 'RR_CONNECTION_LOST' });
  expect((error as Error).message).toMatch(/^the connection to \S+ was (closed by the server|lost) during introspection \(.+\)\. Nothing was written; try again\.$/);
}

describe.runIf(target.kind === 'server')('a schema that changes during introspection', () => {
  const serverUrl = target.kind === 'server' ? target.url : '';
  let database: ServerDatabase;
  let before: string;
  let after: string;

  beforeAll(async () => {
    // The picture with and without the migration, each read with nothing happening meanwhile.
    const plain = await createServerDatabase(serverUrl, SCHEMA, 'faults_reference');
    try {
      before = content((await introspectDatabase({ url: plain.url })).snapshot);
      await runSql(plain.url, MIGRATION);
      after = content((await introspectDatabase({ url: plain.url })).snapshot);
    } finally {
      await plain.drop();
    }
    expect(after).not.toBe(before);
  });
  afterAll(async () => {
    await database?.drop();
  });

  // Round trip 2 is the first query: REPEATABLE READ takes its snapshot there, so a change
  // committed before it is the start state; one committed after it is never seen.
  it.each([3, 4, 5, 6, 7, 8])('a migration committed before round trip %i is not seen: the snapshot is the state at the start', async (roundTrip) => {
    database = await createServerDatabase(serverUrl, SCHEMA, 'faults_change');
    try {
      const result = await introspectWith(database.url, roundTrip, () => runSql(database.url, MIGRATION));
      expect(content(result.snapshot)).toBe(before);
      expect(result.roundTrips).toBe(8);
      // The migration did commit: the next introspection sees all of it.
      expect(content((await introspectDatabase({ url: database.url })).snapshot)).toBe(after);
    } finally {
      await database.drop();
    }
  });

  it('a migration committed after BEGIN but before the first query is the start state, whole', async () => {
    database = await createServerDatabase(serverUrl, SCHEMA, 'faults_change');
    try {
      const result = await introspectWith(database.url, 2, () => runSql(database.url, MIGRATION));
      expect(content(result.snapshot)).toBe(after);
    } finally {
      await database.drop();
    }
  });
});

describe.runIf(target.kind === 'server')('a connection that drops during introspection', () => {
  const serverUrl = target.kind === 'server' ? target.url : '';
  let database: ServerDatabase;
  beforeAll(async () => {
    database = await createServerDatabase(serverUrl, SCHEMA, 'faults_drop');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each([2, 5, 8])('the server ends the session before round trip %i: RR_CONNECTION_LOST, nothing returned', async (roundTrip) => {
    const untap = tapIntrospectionQueries(async ({ roundTrip: n, sameSession }) => {
      if (n !== roundTrip) return;
      const { rows } = await sameSession('SELECT pg_backend_pid() AS pid');
      await runSql(serverUrl, `SELECT pg_terminate_backend(${Number(rows[0].pid)}, 10000)`);
    });
    try {
      expectConnectionLost(await outcome(introspectDatabase({ url: database.url })));
    } finally {
      untap();
    }
  });

  it.each([2, 5, 8])('the network cuts the stream before round trip %i: RR_CONNECTION_LOST, nothing returned', async (roundTrip) => {
    const server = new URL(serverUrl);
    const proxy = await cuttableProxy(server.hostname, Number(server.port || 5432));
    const url = new URL(database.url);
    url.host = `127.0.0.1:${proxy.port}`;
    const untap = tapIntrospectionQueries(({ roundTrip: n }) => {
      if (n === roundTrip) proxy.cut();
    });
    try {
      expectConnectionLost(await outcome(introspectDatabase({ url: url.toString() })));
      expect(proxy.connections()).toBe(1);
    } finally {
      untap();
      await proxy.close();
    }
  });
});

async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SET lock_timeout = '20s'; ${sql}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
