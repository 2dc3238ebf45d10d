/**
 * The catalog stamp of a live database: an earlier introspection is reused, after one query,
 * exactly while nothing it was printed from has changed. Real server, real DDL and DML.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Introspection } from '../introspect/introspect.js';
import { serializeSnapshot } from '../snapshot/canonical.js';
import { createServerDatabase, testDatabaseTarget, type ServerDatabase } from '../testing/test-database.js';
import { introspectDatabase, openCatalogReading } from './live-database.js';

const target = await testDatabaseTarget();

const SCHEMA = `
CREATE SCHEMA other;
CREATE TYPE other.mood AS ENUM ('calm', 'busy');
CREATE FUNCTION other.label() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;
CREATE TABLE public.notes (id bigint PRIMARY KEY, mood other.mood, label text DEFAULT other.label(), body text);
`;

describe.runIf(target.kind === 'server')('catalog stamp (server database)', () => {
  const serverUrl = target.kind === 'server' ? target.url : '';
  let database: ServerDatabase;
  let first: Introspection;
  /** Each statement on its own, outside any transaction block (VACUUM refuses one). */
  const run = async (...statements: string[]) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  let asked = 0;
  const again = (offered: 'the earlier one' | 'nothing' = 'the earlier one') =>
    introspectDatabase({
      url: database.url,
      schemas: ['public'],
      reuse: {
        catalogStamp: first.catalogStamp!,
        earlier: async () => {
          asked++;
          return offered === 'nothing' ? undefined : { snapshot: first.snapshot, warnings: first.warnings };
        },
      },
    });

  beforeAll(async () => {
    database = await createServerDatabase(serverUrl, SCHEMA, 'catalog_stamp');
    first = await introspectDatabase({ url: database.url, schemas: ['public'] });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reuses the earlier snapshot in 3 round trips while the catalog is unchanged, rows written and vacuumed or not', async () => {
    expect(first.catalogStamp).toMatch(/^[0-9a-f]{32}$/);
    expect(first.reused).toBeUndefined();
    await run("INSERT INTO public.notes SELECT g, 'calm', 'y', 'z' FROM generate_series(1, 500) g", 'ANALYZE public.notes', 'VACUUM public.notes');
    asked = 0;

    const reused = await again();

    expect(asked).toBe(1);
    expect(reused.reused).toBe(true);
    expect(reused.roundTrips).toBe(3);
    expect(reused.catalogStamp).toBe(first.catalogStamp);
    expect(serializeSnapshot(reused.snapshot)).toBe(serializeSnapshot((await introspectDatabase({ url: database.url, schemas: ['public'] })).snapshot));
  });

  it.each([
    ['a new column', 'ALTER TABLE public.notes ADD COLUMN extra int'],
    ['a comment', "COMMENT ON COLUMN public.notes.body IS 'the text'"],
    ['an enum label in another schema', "ALTER TYPE other.mood ADD VALUE 'tired'"],
    ['a renamed function a default calls', 'ALTER FUNCTION other.label() RENAME TO tag'],
    ['a grant', 'GRANT USAGE ON SCHEMA other TO PUBLIC'],
    ['an index', 'CREATE INDEX notes_body ON public.notes (body)'],
  ])('reads the catalog again after %s', async (_change, sql) => {
    await run(sql);
    asked = 0;

    const read = await again();

    expect(read.reused).toBeUndefined();
    expect(read.roundTrips).toBe(8);
    expect(read.catalogStamp).not.toBe(first.catalogStamp);
    expect(asked).toBe(0);
    first = read;
  });

  it('reads the catalog when the stamp matches but the earlier snapshot cannot be had after all', async () => {
    const read = await again('nothing');

    expect(read.reused).toBeUndefined();
    expect(read.roundTrips).toBe(8);
    expect(serializeSnapshot(read.snapshot)).toBe(serializeSnapshot(first.snapshot));
  });

  it('reads the stamp as introspection reads it in 2 round trips, sees a change, and closes without another', async () => {
    const introspected = await introspectDatabase({ url: database.url, schemas: ['public'] });

    const alone = await openCatalogReading({ url: database.url });
    await alone.close();
    await run('ALTER TABLE public.notes ADD COLUMN later int');
    const afterChange = await openCatalogReading({ url: database.url });
    await afterChange.close();

    expect(alone.catalogStamp).toBe(introspected.catalogStamp);
    expect(alone.roundTrips).toBe(2);
    expect(afterChange.catalogStamp).not.toBe(introspected.catalogStamp);
    await expect(afterChange.introspect()).rejects.toThrow('closed');
  });

  it('goes on from the stamp to the whole introspection on the same connection: 8 round trips in all, the same snapshot', async () => {
    const reading = await openCatalogReading({ url: database.url });

    const read = await reading.introspect({ schemas: ['public'] });

    // Counted on the reading's own connection: the 2 of the stamp, then 6 more.
    expect(reading.roundTrips).toBe(8);
    expect(read.roundTrips).toBe(8);
    expect(read.catalogStamp).toBe(reading.catalogStamp);
    expect(serializeSnapshot(read.snapshot)).toBe(serializeSnapshot((await introspectDatabase({ url: database.url, schemas: ['public'] })).snapshot));
    await reading.close();
    await expect(reading.introspect()).rejects.toThrow('read on already');
  });

  it('does not see a migration committed between the stamp and the rest: the snapshot is the catalog at the first query', async () => {
    const before = await introspectDatabase({ url: database.url, schemas: ['public'] });
    const reading = await openCatalogReading({ url: database.url });
    await run('ALTER TABLE public.notes ADD COLUMN meanwhile int');

    const read = await reading.introspect({ schemas: ['public'] });

    expect(read.catalogStamp).toBe(before.catalogStamp);
    expect(serializeSnapshot(read.snapshot)).toBe(serializeSnapshot(before.snapshot));
    const after = await introspectDatabase({ url: database.url, schemas: ['public'] });
    expect(after.snapshot.tables[0]!.columns.map((column) => column.name)).toContain('meanwhile');
  });

  it('reads the catalog on a new connection when the server ended the reading while it waited (idle_in_transaction_session_timeout)', async () => {
    await run(`ALTER DATABASE ${database.name} SET idle_in_transaction_session_timeout = '50ms'`);
    try {
      const reading = await openCatalogReading({ url: database.url });
      await new Promise((resolve) => setTimeout(resolve, 300));

      const read = await reading.introspect({ schemas: ['public'] });

      // The new connection's own count: it read the catalog whole.
      expect(read.roundTrips).toBe(8);
      expect(read.catalogStamp).toBe(reading.catalogStamp);
      expect(serializeSnapshot(read.snapshot)).toBe(serializeSnapshot((await introspectDatabase({ url: database.url, schemas: ['public'] })).snapshot));
    } finally {
      await run(`ALTER DATABASE ${database.name} RESET idle_in_transaction_session_timeout`);
    }
  });

  it('goes on to the earlier snapshot when the stamp matches, in 3 round trips in all', async () => {
    const current = await introspectDatabase({ url: database.url, schemas: ['public'] });
    const reading = await openCatalogReading({ url: database.url });

    const read = await reading.introspect({ schemas: ['public'], reuse: { catalogStamp: current.catalogStamp!, earlier: async () => ({ snapshot: current.snapshot, warnings: [] }) } });

    expect(read).toMatchObject({ reused: true, roundTrips: 3, catalogStamp: current.catalogStamp });
  });
});
