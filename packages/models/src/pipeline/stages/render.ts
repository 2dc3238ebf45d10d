import type { Model, ModelSet } from '@rr/mapper';
import { modelPaths, renderModelSet, SHARED_FILES, templateSet, type RenderedFile, type RenderOptions } from '@rr/renderer';
import { readManifestFile, type Manifest } from '@rr/writer';

import type { Merge } from '../merge.js';
import { runMeasured } from '../metrics.js';
import { ParallelPipeline } from '../parallel-pipeline.js';
import { renderKeys, RenderReuse, type RenderCache, type RenderKeys } from '../render-cache.js';
import type { Stage } from '../stage.js';
import { renderInWorker, renderWorkerCount, RenderWorkerError } from '../workers/render-in-worker.js';
import type { Mapped } from './map.js';

/** Rendered files with the template invocations they took. */
export interface RenderPart {
  /** Sorted by path. */
  readonly files: readonly RenderedFile[];
  readonly renders: number;
  /** Set when a worker thread failed and its slice was rendered in the main thread instead. */
  readonly warnings?: readonly string[];
}

/**
 * A file for the writer: its text, or (for a file the render cache says is already on disk) a
 * function that renders it, with the signature the disk should hold. The writer calls the
 * function only when the disk does not hold those bytes.
 */
export interface OutputFile {
  readonly path: string;
  readonly contents: string | (() => string);
  readonly signature?: string;
}

export interface Rendered extends Mapped {
  /** Sorted by path. */
  readonly files: readonly OutputFile[];
  /** Template invocations so far; files made on demand count once the writer asks for them. */
  readonly renders: () => number;
  /** Output path → the key of what rendered it; null without a render cache. */
  readonly renderKeys: ReadonlyMap<string, string> | null;
}

export interface RenderStageOptions {
  readonly render: RenderOptions;
  /** Skips models whose files a previous run rendered from the same input; null renders everything. */
  readonly cache: RenderCache | null;
  /** Where the files go: its manifest says which remembered files are still on disk. */
  readonly outputDir: string;
  /** Render in worker threads when at least this many models need rendering; null never does. */
  readonly parallelFrom: number | null;
  /** The profile's heap limit, applied to each worker too. */
  readonly memoryLimitMb: number | null;
}

/**
 * Model set → files. The shared files (schema, registries, index) are rendered from the whole
 * set; every other file depends on one model alone, which is what lets the render cache skip a
 * model and lets worker threads render slices of the models side by side.
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
      const reuse = options.cache === null ? null : await reusable(set, templates.hash, options.cache, options);
      const count = { renders: 0 };
      const files: OutputFile[] = [];
      const warnings = [...input.warnings];
      const take = (part: RenderPart) => {
        files.push(...part.files);
        count.renders += part.renders;
        warnings.push(...(part.warnings ?? []));
      };

      const shared = () => renderPart(set, set.models, 'shared', options.render);
      const sharedOnDisk = reuse?.signatures(SHARED_FILES, reuse.keys.shared) ?? null;
      if (sharedOnDisk === null) take(shared());
      else files.push(...onDemand(SHARED_FILES, sharedOnDisk, shared, count));

      const fresh: Model[] = [];
      set.models.forEach((model, i) => {
        const paths = modelPaths(model.fileName);
        const onDisk = reuse?.signatures(paths, reuse.keys.models[i]!) ?? null;
        if (onDisk === null) fresh.push(model);
        else files.push(...onDemand(paths, onDisk, () => renderPart(set, [model], 'per-model', options.render), count));
      });
      if (fresh.length > 0) {
        const parallel = options.parallelFrom !== null && fresh.length >= options.parallelFrom;
        take(parallel ? await runMeasured(parallelModelsRender(fresh, options), set, context) : renderPart(set, fresh, 'per-model', options.render));
      }

      return { ...input, warnings, files: files.sort(byPath), renders: () => count.renders, renderKeys: reuse === null ? null : keysByPath(set, reuse.keys) };
    },
  };
}

/**
 * The cache's view of this run. Only files the output's manifest still records are reused, so a
 * deleted output is rendered up front with the rest, not one model at a time on the writer's
 * demand; a manifest that cannot be read reuses nothing (the writer reports it).
 */
async function reusable(set: ModelSet, templatesHash: string, cache: RenderCache, options: RenderStageOptions): Promise<RenderReuse> {
  const keys = renderKeys(set, { templatesHash, importExtensions: options.render.importExtensions !== false });
  const remembered = await cache.read();
  let manifest: Manifest = new Map();
  if (remembered.size > 0) {
    try {
      manifest = readManifestFile(options.outputDir);
    } catch {
      manifest = new Map();
    }
  }
  return RenderReuse.of(keys, remembered, manifest);
}

/**
 * A part's files as contents made on demand: the writer asks for them only when the disk does
 * not hold `signatures`, and then one render of the part serves all of its files.
 */
function onDemand(paths: readonly string[], signatures: readonly string[], render: () => RenderPart, count: { renders: number }): OutputFile[] {
  let rendered: ReadonlyMap<string, string> | undefined;
  const contentsOf = (path: string) => (): string => {
    if (rendered === undefined) {
      const part = render();
      count.renders += part.renders;
      rendered = new Map(part.files.map((file) => [file.path, file.contents]));
    }
    return rendered.get(path)!;
  };
  return paths.map((path, i) => ({ path, contents: contentsOf(path), signature: signatures[i]! }));
}

function keysByPath(set: ModelSet, keys: RenderKeys): ReadonlyMap<string, string> {
  const byPath = new Map<string, string>();
  for (const path of SHARED_FILES) byPath.set(path, keys.shared);
  set.models.forEach((model, i) => {
    for (const path of modelPaths(model.fileName)) byPath.set(path, keys.models[i]!);
  });
  return byPath;
}

/** Which files a part keeps: `shared` lists every model; `per-model` files come from their own model. */
export type RenderPartFiles = 'all' | 'shared' | 'per-model';

function renderPart(set: ModelSet, models: readonly Model[], parts: RenderPartFiles, options: RenderOptions): RenderPart {
  const result = renderModelSet(models === set.models ? set : { ...set, models }, { ...options, parts });
  return { files: result.files, renders: result.stats.renders };
}

/** Renders the models `pick` chooses and keeps the files `files` names, in this thread. */
export function renderPartStage(
  name: string,
  pick: (set: ModelSet) => readonly Model[],
  files: RenderPartFiles,
  options: RenderOptions,
): Stage<ModelSet, RenderPart> {
  return {
    name,
    concurrent: true,
    run: async (set) => renderPart(set, pick(set), files, options),
  };
}

/**
 * The per-model files of the models `pick` chooses, rendered in a worker thread. A worker that
 * fails (cannot start, runs out of memory, a template throws) costs time, not the run: its
 * slice is rendered again in this thread, where an error surfaces with its own type and text.
 */
export function workerRenderStage(name: string, pick: (set: ModelSet) => readonly Model[], options: RenderOptions, memoryLimitMb: number | null): Stage<ModelSet, RenderPart> {
  return {
    name,
    concurrent: true,
    async run(set) {
      const models = pick(set);
      try {
        return await renderInWorker(set, models, options, memoryLimitMb);
      } catch (error) {
        if (!(error instanceof RenderWorkerError)) throw error;
        const warning = `render worker failed (${error.message}); its ${models.length} models were rendered in the main thread instead.`;
        return { ...renderPart(set, models, 'per-model', options), warnings: [warning] };
      }
    },
  };
}

/** Files keyed by path; the union is sorted by path as a single render's files are. */
export const renderParts: Merge<RenderPart> = {
  keysOf: (part) => part.files.map((f) => f.path),
  combine: (parts) => ({
    files: parts.flatMap((p) => p.files).sort(byPath),
    renders: parts.reduce((n, p) => n + p.renders, 0),
    warnings: parts.flatMap((p) => p.warnings ?? []),
  }),
};

/** Contiguous slices of the (sorted) models: `count` parts whose sizes differ by at most one. */
export function slices(count: number): ((set: ModelSet) => readonly Model[])[] {
  return Array.from({ length: count }, (_, i) => (set: ModelSet) => {
    const size = set.models.length;
    return set.models.slice(Math.floor((i * size) / count), Math.floor(((i + 1) * size) / count));
  });
}

/**
 * `models` in one slice per worker thread plus one for this thread, through a ParallelPipeline:
 * the worker stages come first, so their threads are started before this thread blocks on its
 * own (synchronous) slice.
 */
function parallelModelsRender(models: readonly Model[], options: RenderStageOptions): ParallelPipeline<ModelSet, RenderPart> {
  const parts = renderWorkerCount() + 1;
  const picks = slices(parts).map((pick) => (set: ModelSet) => pick({ ...set, models }));
  return new ParallelPipeline<ModelSet, RenderPart>(
    'models',
    picks.map((pick, i) =>
      i < parts - 1 ? workerRenderStage(`worker-${i + 1}-of-${parts - 1}`, pick, options.render, options.memoryLimitMb) : renderPartStage('main-thread', pick, 'per-model', options.render),
    ),
    renderParts,
  );
}

function byPath(a: { readonly path: string }, b: { readonly path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
