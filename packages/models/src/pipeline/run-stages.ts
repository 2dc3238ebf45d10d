import type { MapperConfig } from '@rr/mapper';
import type { CatalogReading } from '@rr/schema';
import type { RenderOptions } from '@rr/renderer';
import type { WriteMode, WriteReport } from '@rr/writer';

import type { PerformanceProfile } from '../config/performance.js';
import type { GenerateOptions } from './generate.js';
import type { MetricsLog, StageMetrics } from './metrics.js';
import { ModelCache } from './model-cache.js';
import { Pipeline } from './pipeline.js';
import { RenderCache } from './render-cache.js';
import { preloadedStage } from './preloaded-stage.js';
import { introspectStage, type KeyedSchemaCache } from './stages/introspect.js';
import { writeStage, type Written } from './stages/write.js';
import { autoRenderWorkers } from './workers/worker-count.js';

/** What `generate` settled before the stages: the resolved inputs and where the caches are. */
export interface ResolvedRun {
  readonly config: MapperConfig;
  readonly render: RenderOptions;
  readonly profile: PerformanceProfile;
  readonly cacheDir: string | null;
  /** Null without `cacheSchemas`, or when the source file could not be read (introspection then says why). */
  readonly schemaCache: KeyedSchemaCache | null;
  readonly mode: WriteMode;
  readonly log: MetricsLog;
  /** The output's files digest from the last run's record (see `RecordCheck`), or null. */
  readonly knownStamp: string | null;
  /** The run record's open reading of the database's catalog (see `RecordCheck`), or null. */
  readonly reading: CatalogReading | null;
}

export interface StagesRun {
  readonly output: Written;
  readonly stages: readonly StageMetrics[];
  /** The stages' warnings, then any cache that could not be stored. */
  readonly warnings: string[];
}

/**
 * introspect → map → render → write, as a Pipeline of four stages, and then the caches stored
 * for the next run once the files are written (their entries' text never adds to the peak).
 */
export async function runStages(options: GenerateOptions, run: ResolvedRun): Promise<StagesRun> {
  const { profile, cacheDir, mode } = run;
  const renderCache = profile.cacheRenders && cacheDir !== null ? new RenderCache(cacheDir, options.outputDir) : null;
  // The model set follows from the snapshot as the snapshot from its source: one knob for both.
  const modelCache = profile.cacheSchemas && cacheDir !== null ? new ModelCache(cacheDir, options.outputDir) : null;
  const pipeline = Pipeline.of('generate', introspectStage(options.load, run.schemaCache, run.reading))
    // The mapper's and the renderer's code (Handlebars among it) loads while introspection waits on the server.
    .then(preloadedStage('map', true, async () => (await import('./stages/map.js')).mapStage(run.config, modelCache)))
    .then(
      preloadedStage('render', true, async () =>
        (await import('./stages/render.js')).renderStage({ render: run.render, cache: renderCache, outputDir: options.outputDir, parallelFrom: profile.parallel ? profile.parallelMinModels : null, workers: profile.renderWorkers ?? autoRenderWorkers(), memoryLimitMb: profile.memoryLimitMb, batchSize: profile.batchSize }),
      ),
    )
    .then(writeStage({ outputDir: options.outputDir, mode, force: options.force ?? false, batchSize: profile.batchSize, knownStamp: run.knownStamp }));
  const { output, stages } = await pipeline.execute(options.source, { memoryLimitMb: profile.memoryLimitMb, log: run.log });
  const warnings = [...output.warnings];
  for (const store of [output.storeSchemaCache, output.storeModelCache]) {
    const notStored = await store?.();
    if (notStored) warnings.push(notStored);
  }
  if (renderCache !== null && output.renderKeys !== null && mode === 'write') {
    // After the model cache is stored: its lines gave the models' digests the keys are made from.
    const problem = await rememberRenders(renderCache, output.renderKeys(), output.report, options.outputDir);
    if (problem !== null) warnings.push(problem);
  }
  return { output, stages, warnings };
}

/** Stores what this run rendered for the next one; a failure is a warning, since the output is already right. */
async function rememberRenders(cache: RenderCache, keys: ReadonlyMap<string, string>, report: WriteReport, outputDir: string): Promise<string | null> {
  try {
    await cache.remember(keys, report, outputDir);
    return null;
  } catch (error) {
    return `render cache: could not store ${cache.file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next run renders every model again.`;
  }
}
