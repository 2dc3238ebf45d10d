/**
 * Acceptance: the real-world schemas in ../shared/schemas (outside the project), each loaded
 * with its own load.sh into a fresh server database, introspected live, checked against what
 * the catalog says (with queries of this file's own), and loaded again through the embedded
 * database from the same file. Runs only with RR_ACCEPTANCE=1 (.ci/run sets it); needs the
 * server. RR_SHARED_SCHEMAS overrides the folder; RR_ACCEPTANCE_SNAPSHOTS_OUT, when set, gets
 * each live snapshot as <name>.json for the acceptance tests of later stages.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Introspection } from './introspect/introspect.js';
import { serializeSnapshot } from './snapshot/canonical.js';
import { introspectDatabase } from './sources/live-database.js';
import { introspectSqlFile } from './sources/sql-file.js';
import { content } from './testing/fixtures.js';
import { runOnServer, testDatabaseTarget, uniqueDatabaseName, withDatabase } from './testing/test-database.js';

const ENABLED = process.env.RR_ACCEPTANCE === '1';
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCHEMAS_DIR = resolve(process.env.RR_SHARED_SCHEMAS ?? join(REPO_ROOT, '..', 'shared', 'schemas'));
const SNAPSHOTS_OUT = process.env.RR_ACCEPTANCE_SNAPSHOTS_OUT;
const LOAD_TIMEOUT_MS = 600_000;

const run = promisify(execFile);

/** The schemas on disk (every NAME.sql beside load.sh); none when acceptance is off. */
const schemaNames = ENABLED ? readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4)).sort() : [];

interface CatalogFacts {
  tables: string[];
  views: number;
  tableColumns: number;
  viewColumns: number;
  foreignKeys: string[];
  enums: { name: string; labels: string[] }[];
}

/**
 * What the catalog itself says, by queries written here and not shared with the introspection:
 * relations in non-system schemas that no extension owns; partitions are part of their root;
 * a foreign key counts once, not once per partition of a partitioned target.
 */
const CATALOG_FACTS_SQL = `
WITH relation AS (
  SELECT c.oid, c.relkind, n.nspname || '.' || c.relname AS qualified
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND c.relkind IN ('r', 'p', 'v', 'm')
    AND NOT c.relispartition
    AND c.oid NOT IN (SELECT objid FROM pg_catalog.pg_depend
                      WHERE classid = 'pg_catalog.pg_class'::regclass AND deptype = 'e')
),
live_column AS (
  SELECT a.attrelid FROM pg_catalog.pg_attribute a WHERE a.attnum > 0 AND NOT a.attisdropped
)
SELECT
  (SELECT coalesce(json_agg(qualified ORDER BY qualified), '[]') FROM relation WHERE relkind IN ('r', 'p')) AS tables,
  (SELECT count(*) FROM relation WHERE relkind IN ('v', 'm'))::int AS views,
  (SELECT count(*) FROM live_column lc JOIN relation r ON r.oid = lc.attrelid WHERE r.relkind IN ('r', 'p'))::int AS table_columns,
  (SELECT count(*) FROM live_column lc JOIN relation r ON r.oid = lc.attrelid WHERE r.relkind IN ('v', 'm'))::int AS view_columns,
  (SELECT coalesce(json_agg(r.qualified || '.' || co.conname ORDER BY r.qualified, co.conname), '[]')
     FROM pg_catalog.pg_constraint co JOIN relation r ON r.oid = co.conrelid
     WHERE co.contype = 'f' AND co.conparentid = 0) AS foreign_keys,
  (SELECT coalesce(json_agg(json_build_object('name', n.nspname || '.' || t.typname,
                                             'labels', (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)
                                                        FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid))
                            ORDER BY n.nspname, t.typname), '[]')
     FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typtype = 'e' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
       AND t.oid NOT IN (SELECT objid FROM pg_catalog.pg_depend
                         WHERE classid = 'pg_catalog.pg_type'::regclass AND deptype = 'e')) AS enums`;

async function catalogFacts(url: string): Promise<CatalogFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(CATALOG_FACTS_SQL);
    const row = rows[0] as { tables: string[]; views: number; table_columns: number; view_columns: number; foreign_keys: string[]; enums: CatalogFacts['enums'] };
    return {
      tables: row.tables,
      views: row.views,
      tableColumns: row.table_columns,
      viewColumns: row.view_columns,
      foreignKeys: row.foreign_keys,
      enums: row.enums,
    };
  } finally {
    await client.end();
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe.runIf(ENABLED)(`acceptance: the shared real-world schemas (${SCHEMAS_DIR})`, () => {
  it('finds the five shared schemas and their loader', () => {
    expect(existsSync(join(SCHEMAS_DIR, 'load.sh'))).toBe(true);
    expect(schemaNames).toEqual(['chinook', 'lago', 'musicbrainz', 'openstreetmap', 'pagila']);
  });

  describe.each(schemaNames)('%s', (name) => {
    let serverUrl: string;
    let databaseName: string;
    let live: Introspection;
    let facts: CatalogFacts;

    beforeAll(async () => {
      const target = await testDatabaseTarget();
      if (target.kind !== 'server') throw new Error('the acceptance tests need a PostgreSQL server: set RR_TEST_DATABASE_URL or start one on 127.0.0.1:5432');
      serverUrl = target.url;
      databaseName = uniqueDatabaseName(`acceptance_${name}`);
      const server = new URL(serverUrl);
      await run('bash', [join(SCHEMAS_DIR, 'load.sh'), name, databaseName], {
        env: {
          ...process.env,
          PGHOST: decodeURIComponent(server.hostname) || '127.0.0.1',
          PGPORT: server.port || '5432',
          PGUSER: decodeURIComponent(server.username) || 'postgres',
          ...(server.password ? { PGPASSWORD: decodeURIComponent(server.password) } : {}),
        },
        maxBuffer: 64 * 1024 * 1024,
        timeout: LOAD_TIMEOUT_MS,
      });
      const url = withDatabase(serverUrl, databaseName);
      live = await introspectDatabase({ url });
      facts = await catalogFacts(url);
      if (SNAPSHOTS_OUT) {
        await mkdir(SNAPSHOTS_OUT, { recursive: true });
        await writeFile(join(SNAPSHOTS_OUT, `${name}.json`), serializeSnapshot(live.snapshot));
      }
    }, LOAD_TIMEOUT_MS);

    afterAll(async () => {
      if (serverUrl && databaseName) await runOnServer(serverUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    });

    it('introspects in 8 round trips', () => {
      expect(live.roundTrips).toBe(8);
    });

    it('has the tables the catalog has', () => {
      const tables = live.snapshot.tables.map((t) => `${t.schema}.${t.name}`).sort(byText);
      expect(tables).toEqual([...facts.tables].sort(byText));
    });

    it('has as many columns, views and view columns as the catalog', () => {
      expect(live.snapshot.tables.reduce((n, t) => n + t.columns.length, 0)).toBe(facts.tableColumns);
      expect(live.snapshot.views).toHaveLength(facts.views);
      expect(live.snapshot.views.reduce((n, v) => n + v.columns.length, 0)).toBe(facts.viewColumns);
    });

    it('has the enums the catalog has, labels in order', () => {
      const enums = live.snapshot.enums.map((e) => ({ name: `${e.schema}.${e.name}`, labels: [...e.labels] }));
      expect(enums.sort((a, b) => byText(a.name, b.name))).toEqual([...facts.enums].sort((a, b) => byText(a.name, b.name)));
    });

    it('has the foreign keys the catalog has', () => {
      const keys = live.snapshot.tables.flatMap((t) => t.foreignKeys.map((fk) => `${t.schema}.${t.name}.${fk.name}`)).sort(byText);
      expect(keys).toEqual([...facts.foreignKeys].sort(byText));
    });

    it('gives the same snapshot through the embedded database, from the same file', async () => {
      const embedded = await introspectSqlFile({ file: join(SCHEMAS_DIR, `${name}.sql`) });
      expect(embedded.roundTrips).toBe(8);
      expect(content(embedded.snapshot)).toEqual(content(live.snapshot));
      expect(embedded.snapshot.fingerprint).toBe(live.snapshot.fingerprint);
    }, LOAD_TIMEOUT_MS);

    if (name === 'pagila') {
      it('pagila: mpaa_rating has its labels in declared order', () => {
        expect(live.snapshot.enums.find((e) => e.schema === 'public' && e.name === 'mpaa_rating')?.labels).toEqual(['G', 'PG', 'PG-13', 'R', 'NC-17']);
      });

      it('pagila: payment is partitioned, its partitions noted and not listed as tables', () => {
        const payment = live.snapshot.tables.find((t) => t.schema === 'public' && t.name === 'payment');
        expect(payment?.kind).toBe('partitioned');
        expect(payment?.partitions.length).toBeGreaterThan(0);
        const tableNames = new Set(live.snapshot.tables.map((t) => `${t.schema}.${t.name}`));
        for (const partition of payment?.partitions ?? []) expect(tableNames.has(`${partition.schema}.${partition.name}`)).toBe(false);
      });
    }

    if (name === 'chinook') {
      it('chinook: playlist_track has its composite primary key, in key order', () => {
        const playlistTrack = live.snapshot.tables.find((t) => t.schema === 'public' && t.name === 'playlist_track');
        expect(playlistTrack?.primaryKey).toEqual({ name: 'playlist_track_pkey', columns: ['playlist_id', 'track_id'] });
      });
    }

    if (name === 'musicbrainz') {
      it('musicbrainz: 10 schemas hold its tables and views; public, holding only extension objects, is listed empty', () => {
        expect(live.snapshot.schemas.map((s) => s.name)).toEqual([
          'cover_art_archive',
          'dbmirror2',
          'documentation',
          'event_art_archive',
          'json_dump',
          'musicbrainz',
          'public',
          'report',
          'sitemaps',
          'statistics',
          'wikidocs',
        ]);
        const holding = new Set([...live.snapshot.tables, ...live.snapshot.views].map((r) => r.schema));
        expect([...holding].sort(byText)).toEqual([
          'cover_art_archive',
          'dbmirror2',
          'documentation',
          'event_art_archive',
          'json_dump',
          'musicbrainz',
          'report',
          'sitemaps',
          'statistics',
          'wikidocs',
        ]);
      });
    }
  });
});
