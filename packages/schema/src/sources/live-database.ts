import type pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import { ConnectionError, IntrospectionError, SchemaError } from '../errors.js';
import type { CatalogClient } from '../introspect/catalog-client.js';
import { introspect, readCatalogHead, type CatalogHead, type Introspection, type IntrospectOptions, type ReusableIntrospection } from '../introspect/introspect.js';
import { redact, redactUrl } from './redact.js';

export interface DatabaseSourceOptions {
  /** `postgres://user:password@host:port/database`; libpq variables fill what it leaves out. */
  readonly url: string;
  readonly schemas?: readonly string[];
  readonly statementTimeoutMs?: number;
  /** How long to wait for the server to accept the connection. */
  readonly connectTimeoutMs?: number;
  /** An earlier introspection of this database and schemas, taken as it is while the catalog is unchanged. */
  readonly reuse?: ReusableIntrospection;
}

/** What a connection needs, without what an introspection reads through it. */
export type ConnectionOptions = Omit<DatabaseSourceOptions, 'schemas' | 'reuse'>;

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

interface Target {
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
  readonly password: string | undefined;
}

function parseTarget(url: string): Target {
  let parsed: ReturnType<typeof parseConnectionString>;
  try {
    parsed = parseConnectionString(url);
  } catch (error) {
    throw new ConnectionError('RR_INVALID_URL', `invalid database URL ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}. Use postgres://user:password@host:port/database.`);
  }
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new ConnectionError('RR_INVALID_URL', `invalid database URL ${redactUrl(url)}: it must start with postgres:// or postgresql://.`);
  }
  return {
    host: parsed.host || process.env.PGHOST || 'localhost',
    port: parsed.port || process.env.PGPORT || '5432',
    database: parsed.database || process.env.PGDATABASE || parsed.user || process.env.PGUSER || 'postgres',
    user: parsed.user || process.env.PGUSER || 'postgres',
    password: parsed.password || process.env.PGPASSWORD || undefined,
  };
}

/** `host:port/database`: how errors and snapshots name a database, never with credentials. */
export function describeDatabase(url: string): string {
  const t = parseTarget(url);
  return `${t.host}:${t.port}/${t.database}`;
}

/**
 * The password a connection would use (from the URL, else PGPASSWORD), so callers can scrub
 * it from anything they print; undefined for text that is not a PostgreSQL URL.
 */
export function passwordOf(url: string | undefined): string | undefined {
  if (!url || !/^postgres(ql)?:\/\//i.test(url)) return undefined;
  try {
    return parseTarget(url).password || undefined;
  } catch {
    return /:\/\/[^:/@]*:([\s\S]*)@/.exec(url)?.[1];
  }
}

interface PgError extends Error {
  code?: string;
}

function connectError(error: PgError, t: Target, timeoutMs: number): SchemaError {
  const where = `${t.host}:${t.port}`;
  const message = redact(error.message, [t.password]);
  // pg's own complaint when the server asks for a password and it has none (SCRAM, md5 or clear).
  if (t.password === undefined && !error.code && /password/i.test(error.message)) {
    return new ConnectionError('RR_AUTH_FAILED', `PostgreSQL at ${where} asks user "${t.user}" for a password, and the database URL has none. Add it to the URL (postgres://user:password@host/database) or set PGPASSWORD.`);
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return new ConnectionError('RR_CONNECT_FAILED', `cannot connect to PostgreSQL at ${where}: connection refused. Is the server running and listening there? Check the host and port of the database URL.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConnectionError('RR_CONNECT_FAILED', `cannot connect to PostgreSQL at ${where}: host "${t.host}" not found. Check the host of the database URL.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new ConnectionError('RR_CONNECT_TIMEOUT', `cannot connect to PostgreSQL at ${where}: ${error.code}. Check the host, port and network.`);
    case '28P01':
    case '28000':
      return new ConnectionError('RR_AUTH_FAILED', `PostgreSQL at ${where} rejected user "${t.user}": ${message}. Check the user and password of the database URL.`);
    case '3D000':
      return new ConnectionError('RR_DATABASE_NOT_FOUND', `database "${t.database}" does not exist on ${where}. Create it, or fix the database name in the URL.`);
    default:
      if (/timeout/i.test(error.message)) {
        return new ConnectionError('RR_CONNECT_TIMEOUT', `cannot connect to PostgreSQL at ${where}: no answer within ${timeoutMs} ms. Check the host and port, or raise the connect timeout.`);
      }
      return new ConnectionError('RR_CONNECT_FAILED', `cannot connect to PostgreSQL at ${where}: ${message}.`);
  }
}

function queryError(error: PgError, t: Target): SchemaError {
  if (error instanceof SchemaError) return error;
  const where = `${t.host}:${t.port}/${t.database}`;
  const message = redact(error.message, [t.password]);
  switch (error.code) {
    case '57014':
      return new IntrospectionError('RR_STATEMENT_TIMEOUT', `introspecting ${where} hit the statement timeout: ${message}. Raise the statement timeout, or narrow the schemas to read.`);
    case '42501':
      return new IntrospectionError('RR_PERMISSION_DENIED', `introspecting ${where}: ${message}. The role "${t.user}" needs to read the system catalog (CONNECT on the database and USAGE on the schemas).`);
    case '57P01':
    case '57P02':
    case '57P03':
      return new IntrospectionError('RR_CONNECTION_LOST', `the connection to ${where} was closed by the server during introspection (${message}). Nothing was written; try again.`);
    default:
      if (/terminated|ECONNRESET|EPIPE|not queryable/i.test(error.message)) {
        return new IntrospectionError('RR_CONNECTION_LOST', `the connection to ${where} was lost during introspection (${message}). Nothing was written; try again.`);
      }
      return new IntrospectionError('RR_QUERY_FAILED', `introspecting ${where} failed: ${message} (SQLSTATE ${error.code}).`);
  }
}

class PgCatalogClient implements CatalogClient {
  roundTrips = 0;
  /** Round trips the server answered. */
  answered = 0;
  constructor(private readonly client: pg.Client) {}

  async query<Row>(sql: string, params?: readonly unknown[]): Promise<readonly Row[]> {
    this.roundTrips++;
    const result = await this.client.query(sql, params as unknown[] | undefined);
    this.answered++;
    return result.rows as Row[];
  }

  async exec(sql: string): Promise<void> {
    this.roundTrips++;
    await this.client.query(sql);
    this.answered++;
  }
}

function sourceOf(target: Target): IntrospectOptions['source'] {
  return { kind: 'database', description: `${target.host}:${target.port}/${target.database}` };
}

/** Introspects a live PostgreSQL database. */
export function introspectDatabase(options: DatabaseSourceOptions): Promise<Introspection> {
  return withCatalogClient(options, (client, target) =>
    introspect(client, { schemas: options.schemas, statementTimeoutMs: options.statementTimeoutMs, source: sourceOf(target), reuse: options.reuse }),
  );
}

/**
 * A connection that has begun reading a database's catalog and read its stamp: the caller
 * compares the stamp with one it keeps, and then either goes on to the rest of the catalog in the
 * same transaction, on the same connection (`introspect`), or stops there (`close`). A run that
 * must read the catalog after all so costs no second connection and no second stamp.
 */
export interface CatalogReading {
  /** As an introspection reports it (`Introspection.catalogStamp`). */
  readonly catalogStamp: string | undefined;
  /** Round trips so far, on this connection. */
  readonly roundTrips: number;
  /**
   * The introspection the reading began, read on; once, and it closes the connection. Should the
   * server have closed the connection while it waited, a new connection reads the catalog.
   */
  introspect(options?: Pick<DatabaseSourceOptions, 'schemas' | 'reuse'>): Promise<Introspection>;
  /** Closes the connection (the server ends the transaction); again, or after `introspect`, it does nothing. */
  close(): Promise<void>;
}

export async function openCatalogReading(options: ConnectionOptions): Promise<CatalogReading> {
  const { client, target, end } = await connect(options);
  let head: CatalogHead;
  try {
    head = await readCatalogHead(client, { statementTimeoutMs: options.statementTimeoutMs });
  } catch (error) {
    await end();
    throw queryError(error as PgError, target);
  }
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= end());
  return {
    catalogStamp: head.catalogStamp,
    get roundTrips() {
      return client.roundTrips;
    },
    async introspect(more = {}) {
      if (closed !== undefined) throw new Error('rr: this catalog reading was closed, or has been read on already');
      const answeredBefore = client.answered;
      try {
        return await introspect(client, { schemas: more.schemas, statementTimeoutMs: options.statementTimeoutMs, source: sourceOf(target), reuse: more.reuse }, head);
      } catch (error) {
        const failure = queryError(error as PgError, target);
        // A server may end a transaction left idle (idle_in_transaction_session_timeout) while
        // the caller decided: the connection is then gone before it answers anything more, and
        // a new one reads the catalog whole. A loss after an answer is the run's error.
        if (failure.code !== 'RR_CONNECTION_LOST' || client.answered !== answeredBefore) throw failure;
        await close();
        return introspectDatabase({ ...options, schemas: more.schemas, reuse: more.reuse });
      } finally {
        await close();
      }
    },
    close,
  };
}

/** One connection for `read`, with the connection's and the queries' failures told apart and the password kept out of both. */
async function withCatalogClient<T>(options: ConnectionOptions, read: (client: PgCatalogClient, target: Target) => Promise<T>): Promise<T> {
  const { client, target, end } = await connect(options);
  try {
    return await read(client, target);
  } catch (error) {
    throw queryError(error as PgError, target);
  } finally {
    await end();
  }
}

/** A connected client; a failure to connect is told as one, without the password. */
async function connect(options: ConnectionOptions): Promise<{ readonly client: PgCatalogClient; readonly target: Target; readonly end: () => Promise<void> }> {
  const target = parseTarget(options.url);
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  // Loaded by a run that connects, not by every importer: pg and the node:net, node:tls and
  // node:dns it loads cost a run from a snapshot about 12 ms of its start (docs/performance.md).
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: timeoutMs,
    application_name: 'rrgen',
  });
  // A dropped connection is reported through the failing query; without a listener the
  // client's 'error' event would crash the process instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectError(error as PgError, target, timeoutMs);
  }
  return { client: new PgCatalogClient(client), target, end: () => client.end().catch(() => undefined) };
}
