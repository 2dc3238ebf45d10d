import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SchemaSource } from '@rr/schema';
import { createServerDatabase, runOnServer, testDatabaseTarget, type ServerDatabase } from '@rr/schema/testing';

import { DEFAULT_PROFILES } from '../config/performance.js';
import { BLOG_SQL, writeSnapshot } from './blog.test-support.js';
import { generate, type GenerateOptions, type GenerateResult } from './generate.js';
import { MetricsLog } from './metrics.js';
import { RunRecord } from './run-record.js';
import { SchemaCache } from './schema-cache.js';
import { autoRenderWorkers } from './workers/worker-count.js';

const target = await testDatabaseTarget();
const work = mkdtempSync(join(tmpdir(), 'rr-generate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cacheDir = join(work, 'cache');
const sqlCopy = join(work, 'structure.sql');
const sql: SchemaSource = { kind: 'sql-file', file: sqlCopy };
const staging = { ...DEFAULT_PROFILES.staging, name: 'staging' };
let snapshot: SchemaSource;
let miss: GenerateResult;

beforeAll(async () => {
  cpSync(BLOG_SQL, sqlCopy);
  // The one embedded-database start of this file: a cache miss, which also fills the cache.
  miss = await generate({ source: sql, outputDir: join(work, 'from-sql'), profile: staging, cacheDir });
  // The other tests read the snapshot the cache now holds, so the database starts only once.
  const [entry] = snapshotEntries();
  const cached = await new SchemaCache(cacheDir).read(entry!.replace(/\.jsonl$/, ''));
  snapshot = { kind: 'snapshot', file: writeSnapshot(work, cached!.snapshot) };
});

/** The schema cache's entries (the render cache keeps its own in a subdirectory). */
function snapshotEntries(): string[] {
  return readdirSync(cacheDir).filter((name) => name.endsWith('.jsonl'));
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('generate', () => {
  it('runs the four stages through a Pipeline and keeps the result shape, adding stages', async () => {
    const result = await generate({ source: snapshot, outputDir: join(work, 'plain') });
    expect(result).toMatchObject({ tables: 9, models: 7, renders: 19, profile: 'development', schemaCache: 'off', roundTrips: 0 });
    expect(result.files.created).toHaveLength(19);
    expect(result.stages.map((s) => s.stage)).toEqual(['run-record', 'introspect', 'map', 'render', 'write']);
    expect(Object.keys(result.timingsMs).sort()).toEqual(['introspect', 'map', 'render', 'total', 'write']);
    expect(result.timingsMs.map).toBe(result.stages.find((s) => s.stage === 'map')!.ms);
  });

  it('the parallel profile renders batches of the models in worker threads beside this one, and writes the same bytes', async () => {
    const serial = await generate({ source: snapshot, outputDir: join(work, 'serial'), profile: { ...DEFAULT_PROFILES.development } });
    const parallel = await generate({
      source: snapshot,
      outputDir: join(work, 'parallel'),
      profile: { ...DEFAULT_PROFILES.development, parallel: true, parallelMinModels: 1, renderWorkers: 2 },
    });
    const workers = ['render/models/worker-1-of-2', 'render/models/worker-2-of-2'];
    expect(parallel.stages.map((s) => s.stage)).toEqual(['run-record', 'introspect', 'map', 'render', 'render/models', ...workers, 'render/models/shared', 'render/models/main-thread', 'write']);
    expect(tree(join(work, 'parallel'))).toEqual(tree(join(work, 'serial')));
    expect(parallel.files.created).toEqual(serial.files.created);
    expect(parallel.renders).toBe(serial.renders);
    expect(parallel.warnings).toEqual(serial.warnings); // no worker fell back to the main thread
  });

  it('below parallelMinModels the parallel profile starts no worker thread', async () => {
    const result = await generate({ source: snapshot, outputDir: join(work, 'few'), profile: { ...DEFAULT_PROFILES.development, parallel: true, parallelMinModels: 8, renderWorkers: 1 } });
    expect(result.stages.map((s) => s.stage)).toEqual(['run-record', 'introspect', 'map', 'render', 'write']);
  });

  it('renderWorkers null lets rr choose the count from the cores (none on two)', async () => {
    const result = await generate({ source: snapshot, outputDir: join(work, 'auto'), profile: { ...DEFAULT_PROFILES.development, parallel: true, parallelMinModels: 1, renderWorkers: null } });
    const workerStages = result.stages.filter((s) => s.stage.startsWith('render/models/worker-'));
    expect(workerStages).toHaveLength(autoRenderWorkers());
    if (availableParallelism() <= 2) expect(result.stages.map((s) => s.stage)).toEqual(['run-record', 'introspect', 'map', 'render', 'write']);
  });

  it('passes the profile batch size to the writer, which checks it', async () => {
    await expect(generate({ source: snapshot, outputDir: join(work, 'batch'), profile: { ...DEFAULT_PROFILES.development, batchSize: 0 } })).rejects.toThrow(/batchSize must be a positive integer, got 0/);
    const ok = await generate({ source: snapshot, outputDir: join(work, 'batch'), profile: { ...DEFAULT_PROFILES.development, batchSize: 1 } });
    expect(ok.files.created).toHaveLength(19);
  });

  it('fails with RR_MEMORY_LIMIT after the first stage over the limit, naming it, and writes nothing', async () => {
    const log = new MetricsLog();
    const out = join(work, 'limited');
    // No caches, so no run record is checked first: the pipeline's own first stage is over the limit.
    const error = await generate({ source: snapshot, outputDir: out, profile: { ...DEFAULT_PROFILES.production, memoryLimitMb: 1 }, log, cacheDir: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RR_MEMORY_LIMIT', stage: 'introspect', limitMb: 1 });
    expect(log.entries().map((s) => s.stage)).toEqual(['introspect']);
    expect(existsSync(out)).toBe(false);
  });

  describe('schema cache', () => {
    it('a first run of a .sql file misses and introspects the embedded database', () => {
      expect(miss.schemaCache).toBe('miss');
      expect(miss.roundTrips).toBeGreaterThan(0);
      expect(snapshotEntries()).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.jsonl$/)]);
    });

    it('a second run hits: no database, no round trips, the same warnings and the same files', async () => {
      const hit = await generate({ source: sql, outputDir: join(work, 'from-cache'), profile: staging, cacheDir });
      expect(hit).toMatchObject({ schemaCache: 'hit', roundTrips: 0, tables: 9, models: 7 });
      expect(hit.warnings).toEqual(miss.warnings);
      expect(tree(join(work, 'from-cache'))).toEqual(tree(join(work, 'from-sql')));
    });

    it('an edited file misses; a corrupt entry is a miss, not an error; without cacheSchemas it is off', async () => {
      const [entry] = snapshotEntries();
      writeFileSync(join(cacheDir, entry!), '{ not json');
      writeFileSync(sqlCopy, `${readFileSync(BLOG_SQL, 'utf8')}\nCREATE TABLE public.extra_things (id bigint PRIMARY KEY);\n`);
      const edited = await generate({ source: sql, outputDir: join(work, 'edited'), profile: staging, cacheDir });
      expect(edited).toMatchObject({ schemaCache: 'miss', tables: 10 });
      expect(snapshotEntries()).toHaveLength(2);
      const off = await generate({ source: snapshot, outputDir: join(work, 'edited'), profile: staging, cacheDir });
      expect(off.schemaCache).toBe('off');
    });
  });

  describe('model cache', () => {
    const modelCacheDir = join(work, 'model-cache');
    const out = join(work, 'model-cache-out');
    const run = (mapper = {}) => generate({ source: snapshot, outputDir: out, profile: staging, cacheDir: modelCacheDir, mapper });

    it('reuses the model set mapped from the same snapshot and configuration, and maps again when either changes', async () => {
      const first = await run();
      expect(first.modelCache).toBe('miss');
      const files = tree(out);
      rmSync(out, { recursive: true });

      const second = await run();
      expect(second).toMatchObject({ modelCache: 'hit', models: first.models, relationships: first.relationships, diagnostics: first.diagnostics, renders: 19 });
      expect(tree(out)).toEqual(files);

      const renamed = await run({ tables: { posts: { model: 'Article' } } });
      expect(renamed.modelCache).toBe('miss');
      expect(Object.keys(tree(out))).toContain('models/article.ts');
    });

    it('is off without cacheSchemas', async () => {
      const off = await generate({ source: snapshot, outputDir: join(work, 'model-cache-off'), profile: { ...staging, cacheSchemas: false }, cacheDir: modelCacheDir });
      expect(off.modelCache).toBe('off');
    });
  });

  describe('run record', () => {
    const recordCache = join(work, 'run-record');
    const out = join(work, 'run-record-out');
    const run = (options: Partial<GenerateOptions> = {}) => generate({ source: snapshot, outputDir: out, profile: staging, cacheDir: recordCache, ...options });
    const recordFile = () => new RunRecord(recordCache, out).file;
    let first: GenerateResult;

    beforeAll(async () => {
      first = await run();
    });

    it('answers a run whose inputs and output are as the last run left them: nothing read, rendered or written', async () => {
      const log = new MetricsLog();
      const again = await run({ log });

      expect(first.runRecord).toBe('miss');
      expect(again).toMatchObject({ runRecord: 'hit', renders: 0, tables: first.tables, models: first.models, relationships: first.relationships, diagnostics: first.diagnostics, warnings: first.warnings });
      expect(again.files).toMatchObject({ created: [], updated: [], deleted: [], skipped: [], upToDate: true, fileWrites: 0 });
      expect(again.files.unchanged).toEqual(first.files.created);
      expect(log.entries().map((s) => s.stage)).toEqual(['run-record']);
      expect(await run({ mode: 'check' })).toMatchObject({ runRecord: 'hit', files: { mode: 'check', upToDate: true } });
    });

    it('does not stand once a file is edited; a run that skips the file keeps no record', async () => {
      const post = join(out, 'models', 'post.ts');
      const original = readFileSync(post, 'utf8');
      writeFileSync(post, `${original}// mine\n`);

      const edited = await run();
      expect(edited.runRecord).toBe('miss');
      expect(edited.files.skipped).toEqual([{ path: 'models/post.ts', reason: 'hand-edited', blocked: 'write' }]);
      expect(existsSync(recordFile())).toBe(false);
      expect((await run()).runRecord).toBe('miss');

      writeFileSync(post, original);
      expect((await run()).runRecord).toBe('miss');
      expect((await run()).runRecord).toBe('hit');
    });

    it('does not stand once a file appears beside the generated ones, or another configuration asks for other output', async () => {
      writeFileSync(join(out, 'models', 'notes.txt'), 'mine');
      expect((await run()).runRecord).toBe('miss');
      expect((await run()).runRecord).toBe('hit');

      const renamed = await run({ mapper: { tables: { posts: { model: 'Article' } } } });
      expect(renamed).toMatchObject({ runRecord: 'miss', renders: expect.any(Number) });
      expect(renamed.files.created).toContain('models/article.ts');
    });

    it('is not kept when a file changed no earlier than the record was made, since times of the same tick cannot tell a later change', async () => {
      await run();
      const future = new Date(Date.now() + 60_000);
      utimesSync(join(out, 'index.ts'), future, future);

      const touched = await run();
      expect(touched).toMatchObject({ runRecord: 'miss', files: { fileWrites: 0 } });
      expect(existsSync(recordFile())).toBe(false);
      expect((await run()).runRecord).toBe('miss');
    });

    it('is off without the render cache', async () => {
      expect((await run({ profile: { ...staging, cacheRenders: false } })).runRecord).toBe('off');
    });
  });

  describe.runIf(target.kind === 'server')('schema cache of a database (server)', () => {
    let database: ServerDatabase;
    const databaseCache = join(work, 'database-cache');
    const run = (out: string) => generate({ source: { kind: 'database', url: database.url }, outputDir: join(work, out), profile: staging, cacheDir: databaseCache });
    beforeAll(async () => {
      // The dump's psql meta-commands (\restrict) are for psql, not the server.
      const dump = readFileSync(BLOG_SQL, 'utf8').split('\n').filter((line) => !line.startsWith('\\')).join('\n');
      database = await createServerDatabase(target.kind === 'server' ? target.url : '', dump, 'generate_cache');
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('reads the whole catalog once, then only its stamp while nothing changed; DDL makes it read again', async () => {
      const first = await run('db');
      expect(first).toMatchObject({ schemaCache: 'miss', modelCache: 'miss', runRecord: 'miss', roundTrips: 8, tables: 9 });
      const files = tree(join(work, 'db'));

      // The run record answers from the stamp alone while the output is as the first run left it:
      // an introspection's first query, after which the connection is closed.
      const second = await run('db');
      expect(second).toMatchObject({ runRecord: 'hit', schemaCache: 'off', modelCache: 'off', roundTrips: 2, tables: 9, models: 7, renders: 0 });
      expect(second.files.unchanged).toEqual(first.files.created);

      // A file written again with its own bytes: the record no longer stands, the cached snapshot does.
      const index = join(work, 'db', 'index.ts');
      writeFileSync(index, readFileSync(index));
      // The introspection reads on from the check's query, on its connection: 3 round trips in all.
      const third = await run('db');
      expect(third).toMatchObject({ runRecord: 'miss', schemaCache: 'hit', modelCache: 'hit', roundTrips: 3, tables: 9, models: 7, renders: 0 });
      expect(third.files.fileWrites).toBe(0);
      // The output is not as the record has it, so the writer reads every file back.
      expect(third.files.filesRead).toBe(first.files.created.length);
      expect(tree(join(work, 'db'))).toEqual(files);

      await runOnServer(database.url, 'CREATE TABLE public.extra_things (id bigint PRIMARY KEY)');
      const fourth = await run('db');
      expect(fourth).toMatchObject({ runRecord: 'miss', schemaCache: 'miss', modelCache: 'miss', roundTrips: 8, tables: 10 });
      // The output is as the record has it: of the files there, only the five modules that list
      // every model, rendered again, are read back to be compared; the other models' are not.
      expect(fourth.files).toMatchObject({ created: ['models/extra-thing.ts', 'records/extra-thing.ts'], filesRead: 5 });
      expect(fourth.files.unchanged).toHaveLength(first.files.created.length - 4);
      expect(await run('db')).toMatchObject({ runRecord: 'hit', roundTrips: 2, tables: 10 });
    });
  });
});
