import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import type { Model, ModelSet } from '@rr/mapper';
import type { RenderedFile, RenderOptions } from '@rr/renderer';

import type { RenderJob, RenderJobResult } from './render-job.js';

/**
 * The worker's script. Beside this module in the build (and in the `rrgen` bundle, which puts
 * both entries in one directory); when this module runs from its TypeScript source (tests),
 * the worker is the built one, since a worker thread cannot load TypeScript.
 */
function workerScript(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('../../../dist/pipeline/workers/render-worker.js', import.meta.url) : new URL('./render-worker.js', import.meta.url);
}

/** How many worker threads a render may use: every core but the main thread's, at least one. */
export function renderWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

export interface WorkerRenderResult {
  readonly files: readonly RenderedFile[];
  readonly renders: number;
}

/** The worker failed (it could not start, ran out of memory, or a render threw): the caller renders in its own thread instead. */
export class RenderWorkerError extends Error {
  override readonly name = 'RenderWorkerError';
}

/**
 * Renders the per-model files of `models` in a new worker thread. `memoryLimitMb` caps the
 * worker's heap as the profile caps the main thread's.
 */
export function renderInWorker(set: ModelSet, models: readonly Model[], options: RenderOptions, memoryLimitMb: number | null): Promise<WorkerRenderResult> {
  const { parts: _parts, ...rest } = options;
  const job: RenderJob = { modelSet: JSON.stringify({ ...set, models }), options: rest };
  return new Promise((resolve, reject) => {
    // No inherited flags: a test runner's module conditions would point the worker at TypeScript
    // sources, and the heap limit is set through resourceLimits.
    const worker = new Worker(workerScript(), { execArgv: [], ...(memoryLimitMb === null ? {} : { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } }) });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.once('message', (result: RenderJobResult) =>
      settle(() => (result.ok ? resolve({ files: result.files, renders: result.renders }) : reject(new RenderWorkerError(result.message)))),
    );
    worker.once('error', (error) => settle(() => reject(new RenderWorkerError(error.message, { cause: error }))));
    worker.once('exit', (code) => settle(() => reject(new RenderWorkerError(`render worker exited with code ${code} before answering`))));
    worker.postMessage(job);
  });
}
