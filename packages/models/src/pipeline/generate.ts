import { performance } from 'node:perf_hooks';

import { resolveMapperConfig, type Diagnostic, type MapperConfigInput } from '@rr/mapper';
import { readTemplateOverrides, type RenderOptions, type TemplateSource } from '@rr/renderer';
import type { LoadSchemaOptions, SchemaSource } from '@rr/schema';
import { readManifestFile, type WriteMode, type WriteReport } from '@rr/writer';

import { DEFAULT_PROFILES, type PerformanceProfile } from '../config/performance.js';
import { MetricsLog, rootContext, round, runMeasured, type StageMetrics } from './metrics.js';
import { Pipeline } from './pipeline.js';
import { defaultCacheDir, SchemaCache } from './schema-cache.js';
import { introspectStage, type CacheOutcome } from './stages/introspect.js';
import { mapStage } from './stages/map.js';
import { ModelCache } from './model-cache.js';
import { RenderCache } from './render-cache.js';
import { RunRecord } from './run-record.js';
import { unchangedRun } from './unchanged-run.js';
import { autoRenderWorkers } from './workers/render-in-worker.js';
import { renderStage } from './stages/render.js';
import { writeStage } from './stages/write.js';

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

export interface GenerateResult {
  readonly tables: number;
  readonly models: number;
  readonly relationships: number;
  readonly files: WriteReport;
  readonly diagnostics: readonly Diagnostic[];
  readonly warnings: readonly string[];
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
  /** Round trips to the database during introspection: 0 for a snapshot file or a cached `.sql` file, 3 when a database's catalog stamp let the cached snapshot (or the run record) stand. */
  readonly roundTrips: number;
}

/**
 * introspect → map → render → write, as a Pipeline of four stages. The configuration is checked
 * before the database is touched, so bad input costs no connection.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const profile: PerformanceProfile & { readonly name?: string } = options.profile ?? DEFAULT_PROFILES.development;
  const config = resolveMapperConfig(options.mapper ?? {});
  const templates: readonly TemplateSource[] = options.templatesDir == null ? [] : readTemplateOverrides(options.templatesDir);
  const render: RenderOptions = { importExtensions: options.importExtensions ?? true, templates };
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const schemaCache = profile.cacheSchemas && cacheDir !== null ? new SchemaCache(cacheDir) : null;
  const renderCache = profile.cacheRenders && cacheDir !== null ? new RenderCache(cacheDir, options.outputDir) : null;
  // The model set follows from the snapshot as the snapshot from its source: one knob for both.
  const modelCache = profile.cacheSchemas && cacheDir !== null ? new ModelCache(cacheDir, options.outputDir) : null;
  // Its key takes the source as the schema cache does, and it stands for the renders too.
  const runRecord = schemaCache !== null && renderCache !== null ? new RunRecord(schemaCache.dir, options.outputDir) : null;
  const source = schemaCache === null ? null : await sourceKey(schemaCache, options.source, options.load);
  const inputsKey = source === null ? null : RunRecord.inputsKey({ source, config, render });
  const mode = options.mode ?? 'write';
  const profileName = profile.name ?? 'development';
  // One log for the record's check and the pipeline, so a run's stages show what the check cost.
  const log = options.log ?? new MetricsLog();

  if (runRecord !== null && inputsKey !== null) {
    const check = { name: 'run-record', concurrent: false, run: () => unchangedRun(runRecord, inputsKey, options.source, options.load ?? {}, mode) };
    const unchanged = await runMeasured(check, undefined, rootContext({ log, memoryLimitMb: profile.memoryLimitMb }));
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
  }

  const pipeline = Pipeline.of('generate', introspectStage(options.load, schemaCache))
    .then(mapStage(config, modelCache))
    .then(renderStage({ render, cache: renderCache, outputDir: options.outputDir, parallelFrom: profile.parallel ? profile.parallelMinModels : null, workers: profile.renderWorkers ?? autoRenderWorkers(), memoryLimitMb: profile.memoryLimitMb, batchSize: profile.batchSize }))
    .then(writeStage({ outputDir: options.outputDir, mode, force: options.force ?? false, batchSize: profile.batchSize }));
  const { output, stages } = await pipeline.execute(options.source, { memoryLimitMb: profile.memoryLimitMb, log });
  const warnings = [...output.warnings];
  for (const store of [output.storeSchemaCache, output.storeModelCache]) {
    const notStored = await store?.();
    if (notStored) warnings.push(notStored);
  }
  if (renderCache !== null && output.renderKeys !== null && mode === 'write') {
    const problem = await rememberRenders(renderCache, output.renderKeys, output.report, options.outputDir);
    if (problem !== null) warnings.push(problem);
  }
  const summary = { tables: output.snapshot.tables.length, models: output.modelSet.models.length, relationships: output.modelSet.stats.relationships, diagnostics: output.modelSet.diagnostics, warnings: output.warnings };
  // Last, once nothing else in the output directory is to change; only a complete output is recorded.
  if (runRecord !== null && inputsKey !== null) {
    const complete = output.report.skipped.length === 0 && (mode === 'write' || output.report.upToDate);
    const files = output.files.map((file) => file.path);
    const recorded = complete ? runRecord.write({ inputsKey, catalogStamp: output.catalogStamp ?? null, summary, files }) : runRecord.forget();
    await recorded.catch((error: unknown) => {
      warnings.push(`run record: could not store ${runRecord.file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next run checks every file again.`);
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
    runRecord: runRecord === null ? 'off' : 'miss',
    roundTrips: output.roundTrips,
  };
}

/**
 * The schema cache's key of the source, which the run record's key takes: a file's hash, or a
 * database's address; null when the file cannot be read, which the introspect stage then reports.
 */
async function sourceKey(cache: SchemaCache, source: SchemaSource, load: LoadSchemaOptions = {}): Promise<string | null> {
  if (source.kind === 'database') return cache.databaseKey(source.url, load.schemas);
  return cache.key(source.file, load.schemas).catch(() => null);
}

/** Stores what this run rendered for the next one; a failure is a warning, since the output is already right. */
async function rememberRenders(cache: RenderCache, keys: ReadonlyMap<string, string>, report: WriteReport, outputDir: string): Promise<string | null> {
  try {
    await cache.remember(keys, report, readManifestFile(outputDir));
    return null;
  } catch (error) {
    return `render cache: could not store ${cache.file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next run renders every model again.`;
  }
}
