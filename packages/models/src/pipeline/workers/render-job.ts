import type { RenderedFile, RenderOptions } from '@rr/renderer';

/** Sent once when a render worker starts: what every job's models are rendered with. */
export interface RenderWorkerSetup {
  /** The model set without its models, as JSON. */
  readonly modelSet: string;
  readonly options: Omit<RenderOptions, 'parts'>;
}

/** One job: models (as JSON) whose per-model files the worker renders. */
export interface RenderJob {
  readonly models: string;
}

export type RenderJobResult =
  | { readonly ok: true; readonly files: readonly RenderedFile[]; readonly renders: number }
  | { readonly ok: false; readonly message: string };
