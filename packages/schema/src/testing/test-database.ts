/**
 * The real database that integration tests run against: `RR_TEST_DATABASE_URL` when set, else
 * a PostgreSQL server on 127.0.0.1:5432 when one answers, else the embedded database (PGlite).
 * `RR_TEST_DATABASE=embedded` forces the embedded one, to run the same tests through it.
 * Not part of the package build (see tsconfig.lib.json).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Introspection } from '../introspect/introspect.js';
import { introspectDatabase } from '../sources/live-database.js';
import { redactUrl } from '../sources/redact.js';
import { introspectSqlFile } from '../sources/sql-file.js';

export const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PROBE_TIMEOUT_MS = 1_500;

export type TestDatabaseTarget =
  | { readonly kind: 'server'; readonly url: string; readonly why: string }
  | { readonly kind: 'embedded'; readonly why: string };

export interface TestIntrospectOptions {
  readonly schemas?: readonly string[];
  readonly statementTimeoutMs?: number;
}

export interface TestDatabase {
  readonly kind: 'server' | 'embedded';
  /** The database's URL on the server; null for the embedded database. */
  readonly url: string | null;
  introspect(options?: TestIntrospectOptions): Promise<Introspection>;
  /** Removes what was created (the server database or the temporary SQL file). */
  drop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let chosen: Promise<TestDatabaseTarget> | undefined;

/** Which database the integration tests use; decided once per test file and said once. */
export function testDatabaseTarget(): Promise<TestDatabaseTarget> {
  chosen ??= (async (): Promise<TestDatabaseTarget> => {
    const configured = process.env.RR_TEST_DATABASE_URL;
    let target: TestDatabaseTarget;
    if (process.env.RR_TEST_DATABASE === 'embedded') {
      target = { kind: 'embedded', why: 'RR_TEST_DATABASE=embedded' };
    } else if (configured) {
      // A configured server that does not answer is a broken set-up, not a reason to fall back.
      if (!(await answers(configured))) throw new Error(`RR_TEST_DATABASE_URL is set but the server does not answer: ${redactUrl(configured)}`);
      target = { kind: 'server', url: configured, why: 'RR_TEST_DATABASE_URL' };
    } else if (await answers(LOCAL_SERVER_URL)) {
      target = { kind: 'server', url: LOCAL_SERVER_URL, why: 'a server answers on 127.0.0.1:5432' };
    } else {
      target = { kind: 'embedded', why: 'RR_TEST_DATABASE_URL is not set and nothing answers on 127.0.0.1:5432' };
    }
    const where = target.kind === 'server' ? `PostgreSQL server ${redactUrl(target.url)}` : 'embedded PGlite';
    console.log(`[rr tests] integration database: ${where} (${target.why})`);
    return target;
  })();
  return chosen;
}

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs SQL (any number of statements, no parameters) against a database on the server. */
export function runOnServer(url: string, sql: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(sql);
  });
}

/** A fresh, uniquely named database name: `rr_test_<label>_<random>`. */
export function uniqueDatabaseName(label: string): string {
  return `rr_test_${label.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
}

export interface ServerDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates a database on the server (named for the test) and loads plain SQL into it. */
export async function createServerDatabase(serverUrl: string, sql: string, label: string): Promise<ServerDatabase> {
  const name = uniqueDatabaseName(label);
  await runOnServer(serverUrl, `CREATE DATABASE ${quoteIdentifier(name)}`);
  const url = withDatabase(serverUrl, name);
  const drop = () => runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  try {
    if (sql.trim() !== '') await withClient(url, (client) => client.query(`SET client_min_messages = warning; ${sql}`));
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, drop };
}

/** Writes SQL to a temporary file, for the embedded loader. */
export async function writeTemporarySql(sql: string, label: string): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `rr-${label}-`));
  const file = join(dir, `${label}.sql`);
  await writeFile(file, sql);
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Loads `sql` into the integration database: a new database on the server, or (embedded) a
 * temporary file that every `introspect()` loads into a fresh PGlite. Call `drop()` afterwards.
 */
export async function createTestDatabase(sql: string, label: string): Promise<TestDatabase> {
  const target = await testDatabaseTarget();
  if (target.kind === 'server') {
    const database = await createServerDatabase(target.url, sql, label);
    return {
      kind: 'server',
      url: database.url,
      introspect: (options = {}) => introspectDatabase({ url: database.url, ...options }),
      drop: database.drop,
    };
  }
  const temporary = await writeTemporarySql(sql, label);
  return {
    kind: 'embedded',
    url: null,
    introspect: (options = {}) => introspectSqlFile({ file: temporary.file, ...options }),
    drop: temporary.remove,
  };
}
