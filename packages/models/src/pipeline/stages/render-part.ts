import type { Model, ModelSet } from '@rr/mapper';
import { renderModelSet, type RenderedFile, type RenderOptions } from '@rr/renderer';

import type { Merge } from '../merge.js';
import type { Stage } from '../stage.js';

/** Rendered files with the template invocations they took. */
export interface RenderPart {
  /** Sorted by path. */
  readonly files: readonly RenderedFile[];
  readonly renders: number;
  /** Set when a worker thread failed and its slice was rendered in the main thread instead. */
  readonly warnings?: readonly string[];
}

/** Which files a part keeps: `shared` lists every model; `per-model` files come from their own model. */
export type RenderPartFiles = 'all' | 'shared' | 'per-model';

export function renderPart(set: ModelSet, models: readonly Model[], parts: RenderPartFiles, options: RenderOptions): RenderPart {
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

/** Files keyed by path; the union is sorted by path as a single render's files are. */
export const renderParts: Merge<RenderPart> = {
  keysOf: (part) => part.files.map((f) => f.path),
  combine: (parts) => ({
    files: parts.flatMap((p) => p.files).sort(byPath),
    renders: parts.reduce((n, p) => n + p.renders, 0),
    warnings: parts.flatMap((p) => p.warnings ?? []),
  }),
};

/** Files in path order, as a single render returns them. */
export function byPath(a: { readonly path: string }, b: { readonly path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
