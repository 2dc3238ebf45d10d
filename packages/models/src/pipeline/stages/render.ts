import type { Model, ModelSet } from '@rr/mapper';
import { renderModelSet, type RenderedFile, type RenderOptions } from '@rr/renderer';

import type { Merge } from '../merge.js';
import { ParallelPipeline } from '../parallel-pipeline.js';
import type { Stage } from '../stage.js';
import type { Mapped } from './map.js';

/** Rendered files with the template invocations they took. */
export interface RenderPart {
  /** Sorted by path. */
  readonly files: readonly RenderedFile[];
  readonly renders: number;
}

export interface Rendered extends Mapped, RenderPart {}

/** Model set → files, in one call. */
export function renderStage(options: RenderOptions): Stage<Mapped, Rendered> {
  return {
    name: 'render',
    concurrent: true,
    async run(input) {
      const result = renderModelSet(input.modelSet, options);
      return { ...input, files: result.files, renders: result.stats.renders };
    },
  };
}

/**
 * Which files a part keeps. `shared` files (schema, registries, index) need every model, so
 * they are rendered from the whole set; `per-model` files depend on their model alone, so they
 * can come from a render of a subset. `all` keeps both, and is only right for the whole set.
 */
export type RenderPartFiles = 'all' | 'shared' | 'per-model';

/** Renders the models `pick` chooses and keeps the files `files` names. */
export function renderPartStage(
  name: string,
  pick: (set: ModelSet) => readonly Model[],
  files: RenderPartFiles,
  options: RenderOptions,
): Stage<ModelSet, RenderPart> {
  return {
    name,
    concurrent: true,
    async run(set) {
      const result = renderModelSet({ ...set, models: pick(set) }, { ...options, parts: files });
      return { files: result.files, renders: result.stats.renders };
    },
  };
}

/** Files keyed by path; the union is sorted by path as a single render's files are. */
export const renderParts: Merge<RenderPart> = {
  keysOf: (part) => part.files.map((f) => f.path),
  combine: (parts) => ({
    files: parts.flatMap((p) => p.files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    renders: parts.reduce((n, p) => n + p.renders, 0),
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
 * The model set rendered as `parts` disjoint slices of per-model files plus the shared files,
 * through a ParallelPipeline. The bytes are those of `renderStage`, for the same work: each
 * part renders only its own files. Rendering is synchronous, so in one thread the parts take
 * turns; their independence is what worker threads will need to run them side by side.
 */
export function splitRenderStage(options: RenderOptions, parts = 2): Stage<Mapped, Rendered> {
  const parallel = new ParallelPipeline<ModelSet, RenderPart>(
    'render',
    [
      renderPartStage('shared', (set) => set.models, 'shared', options),
      ...slices(parts).map((pick, i) => renderPartStage(`models-${i + 1}-of-${parts}`, pick, 'per-model', options)),
    ],
    renderParts,
  );
  return {
    name: 'render',
    concurrent: parallel.concurrent,
    async run(input, context) {
      const rendered = await parallel.run(input.modelSet, context);
      return { ...input, ...rendered };
    },
  };
}
