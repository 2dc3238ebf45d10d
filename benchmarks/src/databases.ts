import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { syntheticSchemaStatements } from '../../tools/synthetic-schema.js';
import { REPO_ROOT } from './repo-root.js';

export const SERVER_URL = process.env.RR_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Databases the suites create are named with this prefix, so parallel sessions can keep theirs apart. */
export const DATABASE_PREFIX = process.env.RR_BENCH_DATABASE_PREFIX ?? 'rr_bench_';
export const SHARED_SCHEMAS = process.env.RR_SHARED_SCHEMAS ?? resolve(REPO_ROOT, '..', 'shared', 'schemas');

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database holding the synthetic schema of `tables` tables. */
export async function syntheticDatabase(tables: number): Promise<string> {
  const name = `${DATABASE_PREFIX}synthetic_${tables}`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    const statements = syntheticSchemaStatements(tables);
    for (let i = 0; i < statements.length; i += 200) await client.query(statements.slice(i, i + 200).join('\n'));
  } finally {
    await client.end();
  }
  return databaseUrl(name);
}

/** A fresh database holding one of the shared real-world schemas, loaded by its own load.sh. */
export function sharedSchemaDatabase(schema: string): string | null {
  const loader = join(SHARED_SCHEMAS, 'load.sh');
  if (!existsSync(loader)) return null;
  const name = `${DATABASE_PREFIX}${schema}`;
  const url = new URL(SERVER_URL);
  execFileSync('bash', [loader, schema, name], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PGHOST: url.hostname, PGPORT: url.port || '5432', PGUSER: decodeURIComponent(url.username) || 'postgres' },
  });
  return databaseUrl(name);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name}`));
}
