import { performance } from 'node:perf_hooks';

import { resolveMapperConfig, type Diagnostic, type MapperConfigInput } from '@rr/mapper';
import { readTemplateOverrides, type RenderOptions, type TemplateSource } from '@rr/renderer';
import type { LoadSchemaOptions, SchemaSource } from '@rr/schema';
import { readManifestFile, type WriteMode, type WriteReport } from '@rr/writer';

import { DEFAULT_PROFILES, type PerformanceProfile } from '../config/performance.js';
import { round, type MetricsLog, type StageMetrics } from './metrics.js';
import { Pipeline } from './pipeline.js';
import { defaultCacheDir, SchemaCache } from './schema-cache.js';
import { introspectStage, type CacheOutcome } from './stages/introspect.js';
import { mapStage } from './stages/map.js';
import { ModelCache } from './model-cache.js';
import { RenderCache } from './render-cache.js';
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
  readonly schemaCache: CacheOutcome;
  /** Whether the model set was read back from the model cache (kept with `cacheSchemas`). */
  readonly modelCache: CacheOutcome;
  /** Round trips to the database during introspection: 0 for a snapshot file or a cached `.sql` file, 3 when a database's catalog stamp let the cached snapshot stand. */
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
  const mode = options.mode ?? 'write';

  const pipeline = Pipeline.of('generate', introspectStage(options.load, schemaCache))
    .then(mapStage(config, modelCache))
    .then(renderStage({ render, cache: renderCache, outputDir: options.outputDir, parallelFrom: profile.parallel ? profile.parallelMinModels : null, workers: profile.renderWorkers ?? autoRenderWorkers(), memoryLimitMb: profile.memoryLimitMb, batchSize: profile.batchSize }))
    .then(writeStage({ outputDir: options.outputDir, mode, force: options.force ?? false, batchSize: profile.batchSize }));
  const { output, stages } = await pipeline.execute(options.source, { memoryLimitMb: profile.memoryLimitMb, log: options.log });
  const warnings = [...output.warnings];
  for (const store of [output.storeSchemaCache, output.storeModelCache]) {
    const notStored = await store?.();
    if (notStored) warnings.push(notStored);
  }
  if (renderCache !== null && output.renderKeys !== null && mode === 'write') {
    const problem = await rememberRenders(renderCache, output.renderKeys, output.report, options.outputDir);
    if (problem !== null) warnings.push(problem);
  }

  const ms = (name: string) => stages.find((s) => s.stage === name)?.ms ?? 0;
  // The writer makes most contents as it plans their files: that time is rendering, not writing.
  const onDemand = round(output.renderMsOnDemand());
  return {
    tables: output.snapshot.tables.length,
    models: output.modelSet.models.length,
    relationships: output.modelSet.stats.relationships,
    files: output.report,
    diagnostics: output.modelSet.diagnostics,
    warnings,
    renders: output.renders(),
    timingsMs: { introspect: ms('introspect'), map: ms('map'), render: round(ms('render') + onDemand), write: round(ms('write') - onDemand), total: round(performance.now() - started) },
    stages,
    profile: profile.name ?? 'development',
    schemaCache: output.schemaCache,
    modelCache: output.modelCache,
    roundTrips: output.roundTrips,
  };
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
