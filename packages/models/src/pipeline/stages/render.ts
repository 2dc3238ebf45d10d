import type { Model, ModelSet } from '@rr/mapper';
import { modelPaths, SHARED_FILES, templateSet, type RenderOptions } from '@rr/renderer';
import { readManifestFile, type Manifest, type WritableFile } from '@rr/writer';

import { runMeasured } from '../metrics.js';
import { renderKeys, RenderReuse, type RenderCache, type RenderKeys } from '../render-cache.js';
import type { Stage } from '../stage.js';
import type { Mapped } from './map.js';
import { parallelModelsRender } from './parallel-render.js';
import { byPath, renderPart, type RenderPart } from './render-part.js';

export interface Rendered extends Mapped {
  /**
   * The files for the writer, sorted by path: rendered text, or (for a file the render cache says
   * is already on disk) contents made on demand with the signature the disk should hold.
   */
  readonly files: readonly WritableFile[];
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
  /** How many worker threads; none means this thread renders everything. */
  readonly workers: number;
  /** The profile's heap limit, applied to each worker too. */
  readonly memoryLimitMb: number | null;
  /** The most models a worker thread is sent at once. */
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
      const reuse = options.cache === null ? null : await reusable(set, templates.hash, options.cache, options);
      const count = { renders: 0 };
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
        if (sharedOnDisk === null) take(shared());
        if (fresh.length > 0) take(renderPart(set, fresh, 'per-model', options.render));
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
function onDemand(paths: readonly string[], signatures: readonly string[], render: () => RenderPart, count: { renders: number }): WritableFile[] {
  let rendered: ReadonlyMap<string, string> | undefined;
  const contentsOf = (path: string) => (): string => {
    if (rendered === undefined) {
      const part = render();
      count.renders += part.renders;
      rendered = new Map(part.files.map((file) => [file.path, file.contents]));
    }
    return rendered.get(path)!;
  };
  return paths.map((path, i) => ({ path, contents: contentsOf(path), signature: signatures[i]!, generated: true }));
}

function keysByPath(set: ModelSet, keys: RenderKeys): ReadonlyMap<string, string> {
  const byPath = new Map<string, string>();
  for (const path of SHARED_FILES) byPath.set(path, keys.shared);
  set.models.forEach((model, i) => {
    for (const path of modelPaths(model.fileName)) byPath.set(path, keys.models[i]!);
  });
  return byPath;
}

