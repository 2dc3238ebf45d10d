import type { RenderedFile, RenderOptions } from '@rr/renderer';

/** What the main thread sends a render worker: a model set (as JSON) whose per-model files it renders. */
export interface RenderJob {
  readonly modelSet: string;
  readonly options: Omit<RenderOptions, 'parts'>;
}

export type RenderJobResult =
  | { readonly ok: true; readonly files: readonly RenderedFile[]; readonly renders: number }
  | { readonly ok: false; readonly message: string };
