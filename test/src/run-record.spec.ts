/**
 * The run record through the installed `rrgen` (the bundles, split at the stages, with the code
 * hashes written in at build time) against a real database: a run with nothing to do is
 * answered from the record, anything that changes the output's inputs or the output itself is
 * not, and each process starts from nothing but the files on disk.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { postgresReachable, TempDatabase } from './support/database.js';
import { runRrgen } from './support/rrgen.js';

interface Summary {
  readonly files: { readonly created: number; readonly updated: number; readonly unchanged: number; readonly skipped: number };
  readonly fileWrites: number;
  readonly renders: number;
  readonly tables: number;
  readonly schemaCache: string;
  readonly runRecord: string;
  readonly stages: readonly { readonly stage: string }[];
}

const reachable = await postgresReachable();

describe.runIf(reachable)('rrgen generate with a run record, against a real database', () => {
  let db: TempDatabase;
  let work: string;
  const out = () => join(work, 'out');
  const generate = async (expectedCode = 0): Promise<Summary> => {
    const run = await runRrgen(['generate', '--database-url', db.url(), '--out', out(), '--json'], { env: { CACHE_DIR: join(work, 'cache') } });
    expect(run.code, run.stderr).toBe(expectedCode);
    return JSON.parse(run.stdout) as Summary;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rr-e2e-run-record-'));
    db = await TempDatabase.create();
    await db.exec(`
      CREATE TABLE public.authors (id uuid PRIMARY KEY, name text NOT NULL);
      CREATE TABLE public.books (id uuid PRIMARY KEY, author_id uuid NOT NULL REFERENCES public.authors (id), title varchar(200) NOT NULL);
    `);
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('answers the second run from the record: one stage, nothing rendered or written', async () => {
    const first = await generate();
    const second = await generate();

    expect(first).toMatchObject({ runRecord: 'miss', schemaCache: 'miss', tables: 2 });
    expect(first.files.created).toBeGreaterThan(0);
    expect(second).toMatchObject({ runRecord: 'hit', renders: 0, fileWrites: 0, tables: 2, files: { created: 0, updated: 0, unchanged: first.files.created } });
    expect(second.stages.map((s) => s.stage)).toEqual(['run-record']);
  });

  it('reads the catalog again after DDL, and the record stands again after that run', async () => {
    await db.exec('CREATE TABLE public.reviews (id uuid PRIMARY KEY, book_id uuid NOT NULL REFERENCES public.books (id), body text)');

    const changed = await generate();
    const after = await generate();

    expect(changed).toMatchObject({ runRecord: 'miss', schemaCache: 'miss', tables: 3 });
    expect(changed.files.created).toBeGreaterThan(0);
    expect(after).toMatchObject({ runRecord: 'hit', tables: 3, fileWrites: 0 });
  });

  it('does not stand once a generated file is edited: the edit is kept and reported, exit 1', async () => {
    appendFileSync(join(out(), 'models', 'book.ts'), '// mine\n');

    const edited = await generate(1);

    expect(edited).toMatchObject({ runRecord: 'miss', files: { skipped: 1 }, fileWrites: 0 });
  });
});
