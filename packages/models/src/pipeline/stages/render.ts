import { performance } from 'node:perf_hooks';

import type { Model, ModelSet } from '@rr/mapper';
import { modelPaths, SHARED_FILES, templateSet, type RenderOptions } from '@rr/renderer';
import { readManifestFile, type Manifest, type WritableFile } from '@rr/writer';

import { runMeasured } from '../metrics.js';
import { renderKeys, RenderReuse, type RenderCache, type RenderInputs, type RenderKeys } from '../render-cache.js';
import type { Stage } from '../stage.js';
import type { Mapped } from './map.js';
import { parallelModelsRender } from './parallel-render.js';
import { renderPart, type RenderPart } from './render-part.js';

export interface Rendered extends Mapped {
  /**
   * The files for the writer, each part's files together (the shared modules, then the models in
   * batches of `batchSize`): text a worker thread already rendered, or contents the writer makes
   * on demand, a batch at a time, with the signature the disk should hold when the render cache
   * knows it. So the rendered text held at once follows the batch size, not the schema.
   */
  readonly files: readonly WritableFile[];
  /** Template invocations so far; files made on demand count once the writer asks for them. */
  readonly renders: () => number;
  /** Milliseconds spent rendering contents on the writer's demand (inside the write stage). */
  readonly renderMsOnDemand: () => number;
  /**
   * Output path → the key of what rendered it, for the render cache to remember once the files
   * are written; null without a render cache. A function, since a run with nothing remembered
   * needs the keys only then, when the model cache has made the models' digests it shares.
   */
  readonly renderKeys: (() => ReadonlyMap<string, string>) | null;
}

export interface RenderStageOptions {
  readonly render: RenderOptions;
  /** Skips models whose files a previous run rendered from the same input; null renders everything. */
  readonly cache: RenderCache | null;
  /** Where the files go: its manifest says which remembered files are still on disk. */
  readonly outputDir: string;
  /** Render in worker threads when at least this many models need rendering; null never does. */
  readonly parallelFrom: number | null;
  /** How many worker threads; none means this thread renders everything. */
  readonly workers: number;
  /** The profile's heap limit, applied to each worker too. */
  readonly memoryLimitMb: number | null;
  /** The most models rendered at once: a worker thread's batch, or a batch made on the writer's demand. */
  readonly batchSize: number;
}

/**
 * Model set → files. The shared files (schema, registries, index) are rendered from the whole
 * set; every other file depends on one model alone, which is what lets the render cache skip a
 * model and lets worker threads render batches of the models side by side.
 */
export function renderStage(options: RenderStageOptions): Stage<Mapped, Rendered> {
  return {
    name: 'render',
    concurrent: true,
    async run(input, context) {
      const set = input.modelSet;
      // Compiled (or taken from the process's compiled sets) before anything else, so a broken
      // override fails here, in this thread, with its file and line.
      const templates = templateSet(options.render.templates);
      const inputs: RenderInputs = { templatesHash: templates.hash, importExtensions: options.render.importExtensions !== false };
      const reuse = options.cache === null ? null : await reusable(set, inputs, options.cache, options.outputDir, input.storeModelCache);
      const count: OnDemandCount = { renders: 0, ms: 0 };
      const files: WritableFile[] = [];
      const warnings = [...input.warnings];
      const take = (part: RenderPart) => {
        for (const file of part.files) files.push({ ...file, generated: true });
        count.renders += part.renders;
        warnings.push(...(part.warnings ?? []));
      };

      const shared = () => renderPart(set, set.models, 'shared', options.render);
      const sharedOnDisk = reuse?.signatures(SHARED_FILES, reuse.keys.shared) ?? null;
      if (sharedOnDisk !== null) files.push(...onDemand(SHARED_FILES, sharedOnDisk, shared, count));

      const fresh: Model[] = [];
      set.models.forEach((model, i) => {
        const paths = modelPaths(model.fileName);
        const onDisk = reuse?.signatures(paths, reuse.keys.models[i]!) ?? null;
        if (onDisk === null) fresh.push(model);
        else files.push(...onDemand(paths, onDisk, () => renderPart(set, [model], 'per-model', options.render), count));
      });
      if (options.parallelFrom !== null && options.workers > 0 && fresh.length >= options.parallelFrom) {
        // The shared modules are rendered in this thread while the workers start and take batches.
        const parallel = parallelModelsRender(fresh, { options: options.render, workers: options.workers, batchSize: options.batchSize, memoryLimitMb: options.memoryLimitMb, withShared: sharedOnDisk === null });
        take(await runMeasured(parallel, set, context));
      } else {
        if (sharedOnDisk === null) files.push(...onDemand(SHARED_FILES, null, shared, count));
        // A bad batch size is the writer's to reject (it does before asking for any contents); never loop on one here.
        const size = Number.isInteger(options.batchSize) && options.batchSize > 0 ? options.batchSize : fresh.length;
        for (let start = 0; start < fresh.length; start += size) {
          const batch = fresh.slice(start, start + size);
          files.push(...onDemand(batch.flatMap((model) => modelPaths(model.fileName)), null, () => renderPart(set, batch, 'per-model', options.render), count));
        }
      }

      return {
        ...input,
        warnings,
        files,
        renders: () => count.renders,
        renderMsOnDemand: () => count.ms,
        renderKeys: options.cache === null ? null : () => keysByPath(set, reuse?.keys ?? renderKeys(set, inputs)),
      };
    },
  };
}

/**
 * The cache's view of this run; null when it remembers nothing for this output directory, and
 * then the keys are not made here. Only files the output's manifest still records are reused,
 * so a deleted output is rendered up front with the rest, not one model at a time on the
 * writer's demand; a manifest that cannot be read reuses nothing (the writer reports it).
 */
async function reusable(set: ModelSet, inputs: RenderInputs, cache: RenderCache, outputDir: string, storeModelCache: (() => Promise<string | null>) | undefined): Promise<RenderReuse | null> {
  const remembered = await cache.read();
  if (remembered.size === 0) return null;
  // The keys need each model's digest, which storing the model cache makes from its lines: a
  // miss's entry is stored now, before the files, so that no model is printed twice (the run
  // still reports a store that failed, when it stores the caches after the files).
  await storeModelCache?.();
  let manifest: Manifest;
  try {
    manifest = readManifestFile(outputDir);
  } catch {
    manifest = new Map();
  }
  return RenderReuse.of(renderKeys(set, inputs), remembered, manifest);
}

interface OnDemandCount {
  renders: number;
  ms: number;
}

/**
 * A part's files as contents made on demand: one render of the part serves all of its files,
 * each text is let go once the writer has taken it. With `signatures` the writer asks only when
 * the disk does not hold them; without, it asks for every file, when it comes to plan it.
 */
function onDemand(paths: readonly string[], signatures: readonly string[] | null, render: () => RenderPart, count: OnDemandCount): WritableFile[] {
  let rendered: Map<string, string> | undefined;
  const contentsOf = (path: string) => (): string => {
    if (rendered === undefined) {
      const started = performance.now();
      const part = render();
      count.ms += performance.now() - started;
      count.renders += part.renders;
      rendered = new Map(part.files.map((file) => [file.path, file.contents]));
    }
    const contents = rendered.get(path);
    if (contents === undefined) throw new Error(`rr: ${path} was asked for twice, or its part did not render it`);
    rendered.delete(path);
    return contents;
  };
  return paths.map((path, i) => ({ path, contents: contentsOf(path), signature: signatures?.[i], generated: true }));
}

function keysByPath(set: ModelSet, keys: RenderKeys): ReadonlyMap<string, string> {
  const byPath = new Map<string, string>();
  for (const path of SHARED_FILES) byPath.set(path, keys.shared);
  set.models.forEach((model, i) => {
    for (const path of modelPaths(model.fileName)) byPath.set(path, keys.models[i]!);
  });
  return byPath;
}

