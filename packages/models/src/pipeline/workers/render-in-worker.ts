import { Worker } from 'node:worker_threads';

import type { Model, ModelSet } from '@rr/mapper';
import type { RenderedFile, RenderOptions } from '@rr/renderer';

import type { RenderJob, RenderJobResult, RenderWorkerSetup } from './render-job.js';

/**
 * The worker's script. Beside this module in the build (and in the bundles, which put every
 * entry in one directory); when this module runs from its TypeScript source (tests), the worker
 * is the built one, since a worker thread cannot load TypeScript.
 */
function workerScript(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('../../../dist/pipeline/workers/render-worker.js', import.meta.url) : new URL('./render-worker.js', import.meta.url);
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
 * A worker thread that renders the per-model files of batches of models, one batch at a time.
 * `memoryLimitMb` caps its heap as the profile caps the main thread's.
 */
export class RenderWorker {
  readonly #worker: Worker;
  #pending: { resolve: (result: WorkerRenderResult) => void; reject: (error: RenderWorkerError) => void } | null = null;
  #failure: RenderWorkerError | null = null;

  constructor(set: ModelSet, options: RenderOptions, memoryLimitMb: number | null) {
    const { parts: _parts, ...rest } = options;
    const setup: RenderWorkerSetup = { modelSet: JSON.stringify({ ...set, models: [] }), options: rest };
    // No inherited flags: a test runner's module conditions would point the worker at TypeScript
    // sources, and the heap limit is set through resourceLimits.
    this.#worker = new Worker(workerScript(), {
      workerData: setup,
      execArgv: [],
      ...(memoryLimitMb === null ? {} : { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } }),
    });
    this.#worker.on('message', (result: RenderJobResult) => {
      const pending = this.#take();
      if (result.ok) pending?.resolve({ files: result.files, renders: result.renders });
      else this.#fail(new RenderWorkerError(result.message));
    });
    this.#worker.on('error', (error) => this.#fail(new RenderWorkerError(error.message, { cause: error })));
    this.#worker.on('exit', (code) => this.#fail(new RenderWorkerError(`render worker exited with code ${code}`)));
  }

  /** Renders one batch; rejects with RenderWorkerError, after which the worker takes no more. */
  render(models: readonly Model[]): Promise<WorkerRenderResult> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    if (this.#pending !== null) return Promise.reject(new RenderWorkerError('render worker is busy'));
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      const job: RenderJob = { models: JSON.stringify(models) };
      this.#worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.#failure ??= new RenderWorkerError('render worker closed');
    await this.#worker.terminate();
  }

  #take() {
    const pending = this.#pending;
    this.#pending = null;
    return pending;
  }

  #fail(error: RenderWorkerError): void {
    this.#failure ??= error;
    this.#take()?.reject(this.#failure);
  }
}
