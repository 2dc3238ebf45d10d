import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { parseSnapshot, serializeSnapshot, type SchemaSnapshot, type SchemaSource } from '@rr/schema';
import { BUILTIN_TEMPLATES_DIR } from '@rr/renderer';

import { DEFAULT_PROFILES, type PerformanceProfile } from '../config/performance.js';
import { generate, type GenerateOptions, type GenerateResult } from './generate.js';
import { RenderCache } from './render-cache.js';
import { RunRecord } from './run-record.js';
import { defaultCacheDir } from './schema-cache.js';

// The committed blog snapshot: 7 models, 19 files (7 × model + record, and 5 shared modules).
const BLOG_SNAPSHOT = resolve(import.meta.dirname, '../../../../examples/blog/rr.schema.json');
const SHARED = ['index.ts', 'mutators.ts', 'queries.ts', 'schema.ts', 'support.ts'];

const work = mkdtempSync(join(tmpdir(), 'rr-render-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let run = 0;
let dir: string;
let options: GenerateOptions;
beforeEach(() => {
  dir = join(work, `case-${run++}`);
  options = { source: snapshotSource(blog()), outputDir: join(dir, 'out'), cacheDir: join(dir, 'cache'), profile: profile() };
});

/** How many of `JSON.stringify`'s calls during `run` printed a model of the set (one with a table and a file name). */
async function modelsPrintedBy(run: () => Promise<unknown>): Promise<number> {
  const stringify = vi.spyOn(JSON, 'stringify');
  try {
    await run();
    return stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'fileName' in value && 'table' in value).length;
  } finally {
    stringify.mockRestore();
  }
}

function profile(overrides: Partial<PerformanceProfile> = {}): PerformanceProfile {
  return { ...DEFAULT_PROFILES.development, ...overrides };
}

function blog(): SchemaSnapshot {
  return parseSnapshot(readFileSync(BLOG_SNAPSHOT, 'utf8'), BLOG_SNAPSHOT).snapshot;
}

let snapshots = 0;
function snapshotSource(snapshot: SchemaSnapshot): SchemaSource {
  mkdirSync(work, { recursive: true });
  const file = join(work, `snapshot-${snapshots++}.json`);
  writeFileSync(file, serializeSnapshot(snapshot));
  return { kind: 'snapshot', file };
}

/** The blog snapshot with one more column on `tags`. */
function blogWithTagSlug(): SchemaSnapshot {
  const snapshot = blog();
  return {
    ...snapshot,
    tables: snapshot.tables.map((table) => {
      if (table.name !== 'tags') return table;
      const name = table.columns.find((column) => column.name === 'name')!;
      return { ...table, columns: [...table.columns, { ...name, name: 'slug', position: table.columns.length + 1 }] };
    }),
  };
}

describe('render cache', () => {
  it('a second run with nothing changed renders nothing and writes nothing', async () => {
    const first = await generate(options);
    expect(first).toMatchObject({ renders: 19, files: { fileWrites: 19 + 2 } }); // and the manifest, twice

    const second = await generate(options);
    expect(second.renders).toBe(0);
    expect(second.files).toMatchObject({ fileWrites: 0, upToDate: true });
    expect(second.files.unchanged).toHaveLength(19);
  });

  it('one changed table re-renders only its model and the shared modules, and writes only what changed', async () => {
    await generate(options);
    const before = readFileSync(join(options.outputDir, 'models/post.ts'), 'utf8');

    const changed = await generate({ ...options, source: snapshotSource(blogWithTagSlug()) });

    expect(changed.renders).toBe(2 + SHARED.length);
    // The record module names no columns, so its bytes stay as they were.
    expect(changed.files.updated).toEqual(['models/tag.ts', 'schema.ts']);
    expect(changed.files.fileWrites).toBe(2 + 2);
    expect(readFileSync(join(options.outputDir, 'models/post.ts'), 'utf8')).toBe(before);
    expect(readFileSync(join(options.outputDir, 'models/tag.ts'), 'utf8')).toContain('slug');
  });

  it("stores neither render keys nor a run record when another run wrote the output after this run's writer let go of it", async () => {
    const a = await generate(options);
    // Another run writes the same files with other bytes (one more column on tags), from caches of its own.
    const b = await generate({ ...options, source: snapshotSource(blogWithTagSlug()), cacheDir: join(dir, 'other-cache') });
    expect(b.files.updated).toContain('models/tag.ts');

    // What the first run stores once its writer is done, told what that writer left:
    const keys = new Map(a.files.created.map((path) => [path, 'its key']));
    const renders = new RenderCache(options.cacheDir!, options.outputDir);
    expect(await renders.remember(keys, a.files, options.outputDir)).toBe(false);
    const record = new RunRecord(options.cacheDir!, options.outputDir);
    const run = { inputsKey: 'its inputs', catalogStamp: null, summary: { tables: a.tables, models: a.models, relationships: a.relationships, diagnostics: a.diagnostics, warnings: a.warnings }, files: a.files.created };
    expect(await record.write(run, a.files)).toBe(false);
    expect(await record.read()).toBeUndefined();
    // Told what is there, the same calls store: the manifest's bytes are all that differed.
    expect(await renders.remember(keys, b.files, options.outputDir)).toBe(true);
    expect(await record.write(run, b.files)).toBe(true);
  });

  it('the same output as a run without the cache, byte for byte', async () => {
    await generate(options);
    await generate({ ...options, source: snapshotSource(blogWithTagSlug()) });
    const uncached = join(dir, 'uncached');
    await generate({ ...options, source: snapshotSource(blogWithTagSlug()), outputDir: uncached, profile: profile({ cacheRenders: false }) });
    for (const path of ['models/tag.ts', 'schema.ts', 'models/post.ts', '.rr-manifest.json']) {
      expect(readFileSync(join(options.outputDir, path), 'utf8'), path).toBe(readFileSync(join(uncached, path), 'utf8'));
    }
  });

  it('a changed template renders everything again', async () => {
    await generate(options);
    const templates = join(dir, 'templates');
    mkdirSync(templates, { recursive: true });
    writeFileSync(join(templates, 'support.hbs'), `${readFileSync(join(BUILTIN_TEMPLATES_DIR, 'support.hbs'), 'utf8')}// overridden\n`);

    const overridden = await generate({ ...options, templatesDir: templates });

    expect(overridden.renders).toBe(19);
    expect(overridden.files.updated).toEqual(['support.ts']);
  });

  it('import extensions are part of the key', async () => {
    await generate(options);
    const plain = await generate({ ...options, importExtensions: false });
    expect(plain.renders).toBe(19);
  });

  it('a file deleted by hand is rendered again: only its model, and only it is written', async () => {
    await generate(options);
    unlinkSync(join(options.outputDir, 'records/post.ts'));

    const repaired = await generate(options);

    expect(repaired.renders).toBe(2); // the model's two files come from one render of it
    expect(repaired.files.created).toEqual(['records/post.ts']);
    expect(repaired.files.fileWrites).toBe(3);
  });

  it('a hand-edited file is kept and reported, then rendered again and overwritten with --force', async () => {
    await generate(options);
    const path = join(options.outputDir, 'models/user.ts');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, `${original}// mine\n`);

    const kept = await generate(options);
    expect(kept.files.skipped).toEqual([{ path: 'models/user.ts', reason: 'hand-edited', blocked: 'write' }]);
    expect(kept.renders).toBe(2);

    const forced = await generate({ ...options, force: true });
    expect(forced.files.updated).toEqual(['models/user.ts']);
    expect(readFileSync(path, 'utf8')).toBe(original);
  });

  it('a deleted output directory is rendered up front, not one model at a time on demand', async () => {
    // Parallel from one model: a render up front shows as a render/models stage.
    const parallel = { ...options, profile: profile({ parallel: true, parallelMinModels: 1, renderWorkers: 1 }) };
    await generate(parallel);
    rmSync(options.outputDir, { recursive: true });

    const again = await generate(parallel);

    expect(again.renders).toBe(19);
    expect(again.files.created).toHaveLength(19);
    expect(again.stages.map((s) => s.stage)).toContain('render/models');
  });

  it("a first run prints each model once, for its render key and the model cache's line together", async () => {
    expect(await modelsPrintedBy(() => generate(options))).toBe(7);
  });

  it('a run after a schema change prints each model once too: the model cache is stored before the keys are made, and its lines give them', async () => {
    await generate(options);
    let changed: GenerateResult | undefined;
    expect(await modelsPrintedBy(async () => (changed = await generate({ ...options, source: snapshotSource(blogWithTagSlug()) })))).toBe(7);
    expect(changed).toMatchObject({ modelCache: 'miss', renders: 7 });
  });

  it("keys made from printed models and from the model cache's lines agree; a run with the cached set prints no model", async () => {
    // No model cache in the first run: the keys it remembers come from printing each model.
    await generate({ ...options, profile: profile({ cacheSchemas: false }) });
    unlinkSync(join(options.outputDir, 'records/post.ts'));
    const second = await generate(options);
    expect(second.renders).toBe(2);
    unlinkSync(join(options.outputDir, 'records/user.ts'));

    // The model cache answers (the run record does not: a file is missing); its lines give the keys.
    let third: GenerateResult | undefined;
    expect(await modelsPrintedBy(async () => (third = await generate(options)))).toBe(0);
    expect(third).toMatchObject({ modelCache: 'hit', renders: 2, files: { created: ['records/user.ts'] } });
  });

  it('a corrupt cache entry is a miss, not an error', async () => {
    await generate(options);
    const cacheFiles = join(options.cacheDir!, 'renders');
    for (const name of readdirSync(cacheFiles)) writeFileSync(join(cacheFiles, name), '{ not json');
    // Else the run record would answer the run before any render is considered.
    rmSync(join(options.cacheDir!, 'runs'), { recursive: true });

    const again = await generate(options);

    expect(again.renders).toBe(19);
    expect(again.files.fileWrites).toBe(0);
    expect(again.warnings).toEqual([]);
  });

  it('check and dry-run use the cache but never store in it', async () => {
    await generate(options);
    const checked = await generate({ ...options, mode: 'check' });
    expect(checked).toMatchObject({ renders: 0, files: { upToDate: true } });

    const other = { ...options, outputDir: join(dir, 'never-written') };
    await generate({ ...other, mode: 'dry-run' });
    const first = await generate(other);
    expect(first.renders).toBe(19);
  });

  it('with cacheRenders off every run renders everything', async () => {
    const off = { ...options, profile: profile({ cacheRenders: false }) };
    await generate(off);
    const second = await generate(off);
    expect(second.renders).toBe(19);
    expect(second.files.fileWrites).toBe(0);
  });

  it('an unwritable cache is a warning; the output is still written', async () => {
    writeFileSync(join(work, `blocker-${run}`), 'a file where the cache directory should be');
    const blocked = await generate({ ...options, cacheDir: join(work, `blocker-${run}`) });
    expect(blocked.files.created).toHaveLength(19);
    expect(blocked.warnings).toEqual([
      expect.stringMatching(/^model cache: could not store .* \(ENOTDIR\); the next run maps the schema again\.$/),
      expect.stringMatching(/^render cache: could not store .* \(ENOTDIR\); the next run renders every model again\.$/),
      expect.stringMatching(/^run record: could not store .* \(ENOTDIR\); the next run checks every file again\.$/),
    ]);
  });
});

describe('default cache directory', () => {
  it("is node_modules/.cache/rr of the npm project the working directory is in", () => {
    const project = join(work, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{"name":"p"}');
    expect(defaultCacheDir(join(project, 'src'))).toBe(join(project, 'node_modules', '.cache', 'rr'));
  });

  it('is null outside any npm project, so no node_modules appears where rr runs', () => {
    const outside = mkdtempSync(join(tmpdir(), 'rr-no-project-'));
    try {
      expect(defaultCacheDir(outside)).toBeNull();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
