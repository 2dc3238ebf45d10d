import { performance } from 'node:perf_hooks';

// The mapper's configuration and the renderer's template sources from modules of their own, so
// that what a run the record answers loads holds neither stage's code (tools/bundle-cli.mjs).
import { resolveMapperConfig, type MapperConfigInput } from '@rr/mapper/config';
import type { RenderOptions } from '@rr/renderer';
import { readTemplateOverrides, type TemplateSource } from '@rr/renderer/template-source';
import type { LoadSchemaOptions, SchemaSource } from '@rr/schema';
import type { WriteMode, WriteReport } from '@rr/writer';

import { DEFAULT_PROFILES, type PerformanceProfile } from '../config/performance.js';
import { MetricsLog, rootContext, round, runMeasured, type StageMetrics } from './metrics.js';
import { RunRecord, type RunSummary } from './run-record.js';
import { defaultCacheDir, SchemaCache } from './schema-cache.js';
import type { CacheOutcome, KeyedSchemaCache } from './stages/introspect.js';
import { unchangedRun } from './unchanged-run.js';

/** Everything one generation needs: where the schema comes from, how to map and render it, where to write. */
export interface GenerateOptions {
  readonly source: SchemaSource;
  readonly load?: LoadSchemaOptions;
  readonly mapper?: MapperConfigInput;
  readonly importExtensions?: boolean;
  /** A directory of template overrides, or null for rr's own templates. */
  readonly templatesDir?: string | null;
  readonly outputDir: string;
  readonly mode?: WriteMode;
  readonly force?: boolean;
  /** The performance profile (see `resolveProfile`); the development defaults when left out. */
  readonly profile?: PerformanceProfile & { readonly name?: string };
  /** Where `cacheSchemas` and `cacheRenders` keep what they remember (see `defaultCacheDir`); null keeps no cache. */
  readonly cacheDir?: string | null;
  /** Receives the stage metrics as they finish (a run that throws still leaves what it measured here). */
  readonly log?: MetricsLog;
}

/** The run's counts, diagnostics and warnings (`RunSummary`), and what it did and cost. */
export interface GenerateResult extends RunSummary {
  readonly files: WriteReport;
  readonly renders: number;
  readonly timingsMs: { readonly introspect: number; readonly map: number; readonly render: number; readonly write: number; readonly total: number };
  /** Every stage that ran, nested ones (`render/shared`) after their parent, in start order. */
  readonly stages: readonly StageMetrics[];
  /** The profile's name when one was given, else `development`. */
  readonly profile: string;
  /** `off` also when the run record answered the run: then no snapshot was needed. */
  readonly schemaCache: CacheOutcome;
  /** Whether the model set was read back from the model cache (kept with `cacheSchemas`); `off` too when the run record answered. */
  readonly modelCache: CacheOutcome;
  /**
   * `hit` when the record of the last run (kept with `cacheSchemas` and `cacheRenders`) showed
   * that nothing could change: the same inputs, the output as that run left it, a database's
   * catalog stamp unchanged. Nothing was then read, mapped, rendered or written.
   */
  readonly runRecord: CacheOutcome;
  /**
   * Round trips to the database, the run record's check included (its stamp is the introspection's first query): 0 for a snapshot
   * file or a cached `.sql` file, 2 when a database's catalog stamp let the run record stand, 3 when it let the cached snapshot stand, 8 for a full read.
   */
  readonly roundTrips: number;
}

/**
 * introspect → map → render → write, as a Pipeline of four stages (`runStages`), unless the run
 * record shows there is nothing to do. The configuration is checked before the database is
 * touched, so bad input costs no connection.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const profile: PerformanceProfile & { readonly name?: string } = options.profile ?? DEFAULT_PROFILES.development;
  const config = resolveMapperConfig(options.mapper ?? {});
  const templates: readonly TemplateSource[] = options.templatesDir == null ? [] : readTemplateOverrides(options.templatesDir);
  const render: RenderOptions = { importExtensions: options.importExtensions ?? true, templates };
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const schemaCache = profile.cacheSchemas && cacheDir !== null ? await keyedSchemaCache(new SchemaCache(cacheDir), options.source, options.load) : null;
  // Its key takes the source as the schema cache does, and it stands for the renders too.
  const run =
    schemaCache !== null && profile.cacheRenders
      ? { record: new RunRecord(schemaCache.cache.dir, options.outputDir), inputsKey: RunRecord.inputsKey({ source: schemaCache.key, config, render }) }
      : null;
  const mode = options.mode ?? 'write';
  const profileName = profile.name ?? 'development';
  // One log for the record's check and the pipeline, so a run's stages show what the check cost.
  const log = options.log ?? new MetricsLog();

  const check = run === null ? null : { name: 'run-record', concurrent: false, run: () => unchangedRun(run.record, run.inputsKey, options.source, options.load ?? {}, mode) };
  const recorded = check === null ? null : await runMeasured(check, undefined, rootContext({ log, memoryLimitMb: profile.memoryLimitMb }));
  const unchanged = recorded?.unchanged ?? null;
  if (unchanged !== null) {
    const ms = round(performance.now() - started);
    return {
      ...unchanged.summary,
      files: unchanged.report,
      renders: 0,
      timingsMs: { introspect: unchanged.stampMs, map: 0, render: 0, write: round(ms - unchanged.stampMs), total: ms },
      stages: log.entries(),
      profile: profileName,
      schemaCache: 'off',
      modelCache: 'off',
      runRecord: 'hit',
      roundTrips: unchanged.roundTrips,
    };
  }

  // Only a run the record did not answer needs the stages, and with them the mapper's and the
  // renderer's code (Handlebars among it, loaded beside introspection by run-stages.ts): so a run
  // with nothing to do never compiles it.
  const { runStages } = await import('./run-stages.js');
  const reading = recorded?.reading ?? null;
  // The introspection reads on in the check's reading and closes it; a run that fails before that must close it too.
  const { output, stages, warnings } = await runStages(options, { config, render, profile, cacheDir, schemaCache, mode, log, knownStamp: recorded?.knownStamp ?? null, reading }).finally(() => reading?.close());
  const summary: RunSummary = { tables: output.snapshot.tables.length, models: output.modelSet.models.length, relationships: output.modelSet.stats.relationships, diagnostics: output.modelSet.diagnostics, warnings: output.warnings };
  // Last, once nothing else in the output directory is to change; only a complete output is recorded.
  if (run !== null) {
    const complete = output.report.skipped.length === 0 && (mode === 'write' || output.report.upToDate);
    const files = output.files.map((file) => file.path);
    const recorded = complete ? run.record.write({ inputsKey: run.inputsKey, catalogStamp: output.catalogStamp ?? null, summary, files }, output.report) : run.record.forget();
    await recorded.catch((error: unknown) => {
      warnings.push(`run record: could not store ${run.record.file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next run checks every file again.`);
    });
  }

  const ms = (name: string) => stages.find((s) => s.stage === name)?.ms ?? 0;
  // The writer makes most contents as it plans their files: that time is rendering, not writing.
  const onDemand = round(output.renderMsOnDemand());
  return {
    ...summary,
    files: output.report,
    warnings,
    renders: output.renders(),
    timingsMs: { introspect: ms('introspect'), map: ms('map'), render: round(ms('render') + onDemand), write: round(ms('write') - onDemand), total: round(performance.now() - started) },
    stages,
    profile: profileName,
    schemaCache: output.schemaCache,
    modelCache: output.modelCache,
    runRecord: run === null ? 'off' : 'miss',
    roundTrips: output.roundTrips,
  };
}

/**
 * The schema cache with the source's key in it, computed once for the run record and the
 * introspect stage: a file's hash, or a database's address. Null when the file cannot be read,
 * which the introspect stage then reports as it would without a cache.
 */
async function keyedSchemaCache(cache: SchemaCache, source: SchemaSource, load: LoadSchemaOptions = {}): Promise<KeyedSchemaCache | null> {
  if (source.kind === 'database') return { cache, key: cache.databaseKey(source.url, load.schemas) };
  const key = await cache.key(source.file, load.schemas).catch(() => null);
  return key === null ? null : { cache, key };
}
