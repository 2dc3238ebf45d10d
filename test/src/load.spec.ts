/**
 * Load: the installed `rrgen generate` on the synthetic 2,000-table schema, introspected from a
 * real database created for this spec, under the production profile, whose memory limit is
 * checked after every stage (a run over it fails with RR_MEMORY_LIMIT). The figures are printed
 * for docs/reliability.md; nothing here asserts a time. And on a table of 20,000 columns:
 * PostgreSQL allows at most 1,600 columns in a table, so that one is a snapshot file this spec
 * builds.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_PROFILES } from '@rr/models';
import { serializeSnapshot, type Column, type TypeRef, type UnsignedSnapshot } from '@rr/schema';
import { syntheticSchemaStatements } from '../../tools/synthetic-schema.ts';
import { postgresReachable, TempDatabase } from './support/database.js';
import { peakMemoryProbe } from './support/peak-memory.js';
import { runRrgen } from './support/rrgen.js';

const TABLES = 2_000;
/** Statements per round trip while loading: one transaction over every table would exceed max_locks_per_transaction. */
const CHUNK = 200;
const LIMIT_MB = DEFAULT_PROFILES.production.memoryLimitMb as number;

interface Summary {
  readonly tables: number;
  readonly models: number;
  readonly files: { readonly created: number };
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly profile: string;
  readonly stages: readonly { readonly stage: string; readonly heapUsedMb: number; readonly rssMb: number }[];
}

const reachable = await postgresReachable();

describe.skipIf(!reachable)(`rrgen generate on the synthetic ${TABLES}-table schema from a real database`, () => {
  let db: TempDatabase;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rr-e2e-load-'));
    db = await TempDatabase.create();
    const statements = syntheticSchemaStatements(TABLES);
    for (let i = 0; i < statements.length; i += CHUNK) await db.exec(statements.slice(i, i + CHUNK).join('\n'));
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('completes under the production profile, within its memory limit, and writes a model and a record per table', async () => {
    const out = join(work, 'out');
    const probe = peakMemoryProbe(work, 'synthetic');

    const run = await runRrgen(['generate', '--database-url', db.url(), '--out', out, '--profile', 'production', '--json'], { env: probe.env });

    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary).toMatchObject({ tables: TABLES, models: TABLES, profile: 'production', files: { created: 2 * TABLES + 5 } });
    expect(readdirSync(join(out, 'models'))).toHaveLength(TABLES);
    const peakHeapMb = Math.max(...summary.stages.map((s) => s.heapUsedMb));
    expect(peakHeapMb).toBeLessThan(LIMIT_MB);
    console.info(
      `load: ${TABLES} tables, production profile: total ${summary.timingsMs['total']} ms ` +
        `(introspect ${summary.timingsMs['introspect']}, map ${summary.timingsMs['map']}, render ${summary.timingsMs['render']}, write ${summary.timingsMs['write']}), ` +
        `peak RSS ${probe.maxRssMb()} MB, peak heap at a stage end ${peakHeapMb} MB (limit ${LIMIT_MB} MB)`,
    );
  });

  it('the limit is enforced: the same run with a 20 MB limit fails with RR_MEMORY_LIMIT, exit 2, and writes nothing', async () => {
    const out = join(work, 'limited');
    const config = join(work, 'limited.json');
    writeFileSync(config, JSON.stringify({ performance: { production: { memoryLimitMb: 20 } } }));

    const run = await runRrgen(['generate', '--database-url', db.url(), '--out', out, '--profile', 'production', '--config', config]);

    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/stage "\w+" ended with [\d.]+ MB of heap in use, over the memory limit of 20 MB\. Lower batchSize or raise memoryLimitMb/);
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });
});

const WIDE_COLUMNS = 20_000;

/** One table `wide` with a uuid key and 19,999 more columns of five common types. */
function wideSnapshot(): string {
  const type = (name: string, sql: string): TypeRef => ({ schema: 'pg_catalog', name, kind: 'base', sql, arrayDimensions: 0, length: null, precision: null, scale: null });
  const kinds = [type('text', 'text'), type('int4', 'integer'), type('bool', 'boolean'), type('timestamptz', 'timestamp with time zone'), type('jsonb', 'jsonb')];
  const column = (name: string, position: number, columnType: TypeRef, nullable: boolean, fallback: string | null): Column => ({
    name, position, type: columnType, nullable, default: fallback, identity: null, generated: null, comment: null,
  });
  const columns = [column('id', 1, type('uuid', 'uuid'), false, 'gen_random_uuid()')];
  for (let i = 1; i < WIDE_COLUMNS; i++) columns.push(column(`column_${String(i).padStart(5, '0')}`, i + 1, kinds[i % kinds.length] as TypeRef, true, null));
  const snapshot: UnsignedSnapshot = {
    format: 'rr-schema-snapshot',
    version: 1,
    meta: { source: { kind: 'snapshot', description: `${WIDE_COLUMNS} columns, built by test/src/load.spec.ts` }, serverVersion: '15.0' },
    schemas: [{ name: 'public', comment: null }],
    tables: [{ schema: 'public', name: 'wide', kind: 'table', comment: null, columns, primaryKey: { name: 'wide_pkey', columns: ['id'] }, uniqueConstraints: [], foreignKeys: [], checks: [], indexes: [], partitions: [] }],
    views: [], enums: [], domains: [], compositeTypes: [], ranges: [],
  };
  return serializeSnapshot(snapshot);
}

describe(`rrgen generate on a snapshot of one table with ${WIDE_COLUMNS} columns`, () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'rr-e2e-wide-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('completes under the production profile, within its memory limit, with every column in the schema', async () => {
    const snapshot = join(work, 'wide.schema.json');
    writeFileSync(snapshot, wideSnapshot());
    const out = join(work, 'out');
    const probe = peakMemoryProbe(work, 'wide');

    const run = await runRrgen(['generate', '--snapshot', snapshot, '--out', out, '--profile', 'production', '--json'], { env: probe.env });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('fingerprint');
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary).toMatchObject({ tables: 1, models: 1, profile: 'production' });
    const schema = readFileSync(join(out, 'schema.ts'), 'utf8');
    expect(schema.match(/\.from\("column_\d{5}"\)/g)).toHaveLength(WIDE_COLUMNS - 1);
    const peakHeapMb = Math.max(...summary.stages.map((s) => s.heapUsedMb));
    expect(peakHeapMb).toBeLessThan(LIMIT_MB);
    console.info(
      `load: 1 table of ${WIDE_COLUMNS} columns, production profile: total ${summary.timingsMs['total']} ms ` +
        `(introspect ${summary.timingsMs['introspect']}, map ${summary.timingsMs['map']}, render ${summary.timingsMs['render']}, write ${summary.timingsMs['write']}), ` +
        `peak RSS ${probe.maxRssMb()} MB, peak heap at a stage end ${peakHeapMb} MB (limit ${LIMIT_MB} MB)`,
    );
  });
});
