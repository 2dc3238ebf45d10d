/**
 * Makes introspection wait, deterministically: another session holds an ACCESS EXCLUSIVE lock on
 * pg_depend (per database), which every introspection reads from its first catalog query on,
 * while connecting does not need it. A statement timeout then fires; a session can be found
 * waiting. Needs a superuser. Not part of the package build.
 */
import pg from 'pg';

export interface CatalogLock {
  release(): Promise<void>;
}

export async function lockCatalog(databaseUrl: string): Promise<CatalogLock> {
  const locker = new pg.Client({ connectionString: databaseUrl });
  locker.on('error', () => undefined);
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE pg_catalog.pg_depend IN ACCESS EXCLUSIVE MODE');
  return {
    async release() {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end().catch(() => undefined);
    },
  };
}

/** Runs `run` while the catalog of `databaseUrl` is locked. */
export async function withCatalogLocked<T>(databaseUrl: string, run: () => Promise<T>): Promise<T> {
  const lock = await lockCatalog(databaseUrl);
  try {
    return await run();
  } finally {
    await lock.release();
  }
}
