/**
 * Bad input for the live source. Connection failures use real sockets: a closed port, a local
 * TCP server that accepts and never answers, and a local server that speaks just enough of the
 * PostgreSQL protocol to refuse a password. Everything else runs against the real server, when
 * there is one (the embedded database has no connections to fail).
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, IntrospectionError, SchemaError } from '../errors.js';
import type { Introspection } from '../introspect/introspect.js';
import { serializeSnapshot } from '../snapshot/canonical.js';
import { withCatalogLocked as lockCatalogOf } from '../testing/catalog-lock.js';
import { createServerDatabase, testDatabaseTarget, withDatabase, type ServerDatabase } from '../testing/test-database.js';
import { describeDatabase, introspectDatabase, passwordOf } from './live-database.js';
import { loadSchema } from './schema-source.js';

const PASSWORD = 'Sup3r-S3cret-pw';
const target = await testDatabaseTarget();

async function failure(promise: Promise<unknown>): Promise<SchemaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SchemaError);
  const schemaError = error as SchemaError;
  expect(schemaError.message).not.toContain('S3cret');
  expect(String(schemaError.stack)).not.toContain('S3cret');
  return schemaError;
}

/** A TCP server on 127.0.0.1 with a random free port; `onConnection` decides what it says. */
async function localServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One PostgreSQL protocol message: type byte, int32 length (including itself), body. */
function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

describe('connection failures', () => {
  it('a closed port fails at once, naming host and port', async () => {
    const error = await failure(introspectDatabase({ url: `postgres://app:${PASSWORD}@127.0.0.1:1/app`, connectTimeoutMs: 2_000 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('RR_CONNECT_FAILED');
    expect(error.message).toBe(
      'cannot connect to PostgreSQL at 127.0.0.1:1: connection refused. Is the server running and listening there? Check the host and port of the database URL.',
    );
  });

  it('a server that accepts the connection and never answers fails after the connect timeout', async () => {
    const silent = await localServer(() => undefined);
    try {
      const error = await failure(introspectDatabase({ url: `postgres://app:${PASSWORD}@127.0.0.1:${silent.port}/app`, connectTimeoutMs: 500 }));
      expect(error.code).toBe('RR_CONNECT_TIMEOUT');
      expect(error.message).toBe(
        `cannot connect to PostgreSQL at 127.0.0.1:${silent.port}: no answer within 500 ms. Check the host and port, or raise the connect timeout.`,
      );
    } finally {
      await silent.close();
    }
  }, 10_000);

  it('a host that does not resolve is named', async () => {
    const error = await failure(introspectDatabase({ url: `postgres://app:${PASSWORD}@rr-no-such-host.invalid:5432/app`, connectTimeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('cannot connect to PostgreSQL at rr-no-such-host.invalid:5432');
  }, 15_000);

  it('a rejected password says so, names the user and the server, and never shows the password', async () => {
    // Speaks the startup exchange: asks for a cleartext password, then refuses it with
    // SQLSTATE 28P01, and (unlike PostgreSQL) even repeats the password in its message.
    const picky = await localServer((socket) => {
      let stage = 0;
      socket.on('data', (chunk) => {
        if (stage === 0) {
          stage = 1;
          const askPassword = Buffer.alloc(4);
          askPassword.writeInt32BE(3);
          socket.write(message('R', askPassword));
          return;
        }
        const sent = chunk.subarray(5, chunk.indexOf(0, 5)).toString('utf8');
        const fields = [`SFATAL`, `VFATAL`, `C28P01`, `Mpassword authentication failed for user "app" (got "${sent}")`];
        socket.end(message('E', Buffer.concat([...fields.map((f) => Buffer.from(`${f}\0`, 'utf8')), Buffer.from([0])])));
      });
    });
    try {
      const error = await failure(introspectDatabase({ url: `postgres://app:${PASSWORD}@127.0.0.1:${picky.port}/app`, connectTimeoutMs: 5_000 }));
      expect(error.code).toBe('RR_AUTH_FAILED');
      expect(error.message).toBe(
        `PostgreSQL at 127.0.0.1:${picky.port} rejected user "app": password authentication failed for user "app" (got "***"). Check the user and password of the database URL.`,
      );
    } finally {
      await picky.close();
    }
  });

  it.each([
    [`mysql://app:${PASSWORD}@127.0.0.1/app`, 'invalid database URL mysql://app:***@127.0.0.1/app: it must start with postgres:// or postgresql://.'],
    [`postgres://app:${PASSWORD}@127.0.0.1:port/app`, 'invalid database URL postgres://app:***@127.0.0.1:port/app: Invalid URL. Use postgres://user:password@host:port/database.'],
    ['postgres://app:Sup3r#S3cret@127.0.0.1/app', 'invalid database URL postgres://app:***@127.0.0.1/app: Invalid URL. Use postgres://user:password@host:port/database.'],
  ])('an invalid URL is named without its password: %s', async (url, expected) => {
    const error = await failure(introspectDatabase({ url }));
    expect(error.code).toBe('RR_INVALID_URL');
    expect(error.message).toBe(expected);
  });

  it('describes a database as host:port/database, without user or password', () => {
    expect(describeDatabase(`postgres://app:${PASSWORD}@db.internal:6543/prod?sslmode=disable`)).toBe('db.internal:6543/prod');
    expect(describeDatabase('postgresql://app@db.internal/prod')).toBe('db.internal:5432/prod');
  });
});

describe.runIf(target.kind === 'server')('against the server', () => {
  const serverUrl = target.kind === 'server' ? target.url : '';
  const where = serverUrl ? describeDatabase(serverUrl).replace(/\/[^/]*$/, '') : '';
  /** The server URL for `database`, with the distinctive password added (trust auth ignores it). */
  const withPassword = (database: string) => {
    const url = new URL(withDatabase(serverUrl, database));
    url.password = PASSWORD;
    return url.toString();
  };

  let database: ServerDatabase;
  beforeAll(async () => {
    database = await createServerDatabase(
      serverUrl,
      "CREATE TYPE public.state AS ENUM ('on', 'off'); CREATE TABLE public.things (id int PRIMARY KEY, state public.state);",
      'live_bad_input',
    );
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('a missing database is named, with the server, and without the password', async () => {
    const missing = `rr_test_missing_${randomBytes(4).toString('hex')}`;
    const error = await failure(introspectDatabase({ url: withPassword(missing) }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('RR_DATABASE_NOT_FOUND');
    expect(error.message).toBe(`database "${missing}" does not exist on ${where}. Create it, or fix the database name in the URL.`);
  });

  it('a password in the URL appears nowhere in the snapshot or the warnings', async () => {
    const result: Introspection = await introspectDatabase({ url: withPassword(database.name) });
    const everything = JSON.stringify({ text: serializeSnapshot(result.snapshot), warnings: result.warnings });
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(encodeURIComponent(PASSWORD));
    expect(result.snapshot.meta.source).toEqual({ kind: 'database', description: `${where}/${database.name}` });
    expect(result.snapshot.tables.map((t) => t.name)).toEqual(['things']);
  });

  it('loadSchema reads a database source the same way', async () => {
    const direct = await introspectDatabase({ url: database.url, schemas: ['public'] });
    const loaded = await loadSchema({ kind: 'database', url: database.url, connectTimeoutMs: 5_000 }, { schemas: ['public'] });
    expect(serializeSnapshot(loaded.snapshot)).toBe(serializeSnapshot(direct.snapshot));
    expect(loaded.roundTrips).toBe(8);
  });

  it('a schema that does not exist names the ones that do', async () => {
    const error = await failure(introspectDatabase({ url: database.url, schemas: ['public', 'sales'] }));
    expect(error.code).toBe('RR_SCHEMA_NOT_FOUND');
    expect(error.message).toBe('schema "sales" not found in the database. Schemas that exist: "public". Fix the --schema list.');
  });

  const withCatalogLocked = (run: () => Promise<void>) => lockCatalogOf(database.url, run);

  it('a statement that outlasts the statement timeout fails with RR_STATEMENT_TIMEOUT', async () => {
    await withCatalogLocked(async () => {
      const error = await failure(introspectDatabase({ url: withPassword(database.name), statementTimeoutMs: 200 }));
      expect(error).toBeInstanceOf(IntrospectionError);
      expect(error.code).toBe('RR_STATEMENT_TIMEOUT');
      expect(error.message).toBe(
        `introspecting ${where}/${database.name} hit the statement timeout: canceling statement due to statement timeout. Raise the statement timeout, or narrow the schemas to read.`,
      );
    });
  });

  it('a connection killed mid-introspection fails with RR_CONNECTION_LOST and returns nothing', async () => {
    // Outside any transaction: pg_stat_activity is read once per transaction.
    const observer = new pg.Client({ connectionString: serverUrl });
    observer.on('error', () => undefined);
    await observer.connect();
    try {
      await withCatalogLocked(async () => {
        const outcome = introspectDatabase({ url: withPassword(database.name) }).then(
          () => null,
          (e: unknown) => e,
        );
        // Wait until the introspection (application_name rrgen) is blocked inside a query.
        let pid: number | undefined;
        for (let attempt = 0; attempt < 1_000 && pid === undefined; attempt++) {
          const { rows } = await observer.query<{ pid: number }>(
            "SELECT pid FROM pg_catalog.pg_stat_activity WHERE datname = $1 AND application_name = 'rrgen' AND wait_event_type = 'Lock'",
            [database.name],
          );
          pid = rows[0]?.pid;
          if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        expect(pid).toBeTypeOf('number');
        await observer.query('SELECT pg_catalog.pg_terminate_backend($1)', [pid]);
        expectConnectionLost(await outcome);
      });
    } finally {
      await observer.end().catch(() => undefined);
    }
  });
});

function expectConnectionLost(error: unknown): void {
  expect(error).toBeInstanceOf(IntrospectionError);
  expect(error).toMatchObject({ code: 'RR_CONNECTION_LOST' });
  const text = (error as Error).message;
  expect(text).toMatch(/^the connection to \S+ was (closed by the server|lost) during introspection/);
  expect(text).toContain('Nothing was written; try again.');
  expect(text).not.toContain('S3cret');
}

describe('passwordOf', () => {
  it('finds the password a connection would use, so output can be scrubbed of it', () => {
    expect(passwordOf('postgres://app:Sup3r-S3cret-pw@db:5432/app')).toBe('Sup3r-S3cret-pw');
    expect(passwordOf('postgresql://app:p%40ss@db/app')).toBe('p@ss');
    expect(passwordOf('postgres://app@db/app')).toBeUndefined();
    expect(passwordOf('schema.json')).toBeUndefined();
    expect(passwordOf(undefined)).toBeUndefined();
  });
});
