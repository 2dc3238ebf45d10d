import { randomBytes } from 'node:crypto';

import pg from 'pg';

/**
 * The PostgreSQL server the live-database specs use (trust auth on 127.0.0.1 here). Override with
 * RR_E2E_ADMIN_URL; it must allow CREATE DATABASE.
 */
const ADMIN_URL = process.env.RR_E2E_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A password rr must never print or write; trust auth ignores it, so the URL still connects. */
export const SECRET = 's3cret-e2e';

/**
 * Whether the server answers; specs that need it are skipped (and say why) when it does not,
 * except in CI, where .ci/run starts the server and a silent skip would hide a broken set-up.
 */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    const why = `PostgreSQL at ${new URL(ADMIN_URL).host} is not reachable (${(error as Error).message})`;
    if (process.env.CI) throw new Error(`${why}: CI needs it for the live-database e2e specs.`);
    console.warn(`${why}: live-database e2e specs are skipped.`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A database of its own for one spec file: `rr_e2e_<random>`, dropped by drop(). */
export class TempDatabase {
  private constructor(readonly name: string) {}

  static async create(): Promise<TempDatabase> {
    const name = `rr_e2e_${randomBytes(6).toString('hex')}`;
    await admin((client) => client.query(`create database ${name}`));
    return new TempDatabase(name);
  }

  /** The database's URL; with `password`, one that carries it (trust auth ignores it). */
  url(password?: string): string {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${this.name}`;
    if (password !== undefined) url.password = password;
    return url.toString();
  }

  async exec(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await admin((client) => client.query(`drop database if exists ${this.name} with (force)`));
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
