import type { Model, ModelSet } from '@rr/mapper';
import type { RenderOptions } from '@rr/renderer';

import { ParallelPipeline } from '../parallel-pipeline.js';
import type { Stage } from '../stage.js';
import { renderPart, renderPartStage, renderParts, type RenderPart } from './render-part.js';

/**
 * Batches of models handed out one at a time to whichever renderer is free, a worker thread or
 * this one, so that a worker that starts late or runs slower simply takes fewer batches.
 */
export class ModelBatches {
  #next = 0;
  constructor(
    private readonly models: readonly Model[],
    readonly size: number,
  ) {}

  take(): readonly Model[] | null {
    if (this.#next >= this.models.length) return null;
    const batch = this.models.slice(this.#next, this.#next + this.size);
    this.#next += batch.length;
    return batch;
  }
}

/**
 * Takes batches for a worker thread until none are left. A worker that fails costs time, not the
 * run: the batch it failed on is rendered in this thread, where an error surfaces with its own
 * type and text, and the worker takes no more.
 */
export function workerRenderStage(name: string, batches: ModelBatches, options: RenderOptions, memoryLimitMb: number | null): Stage<ModelSet, RenderPart> {
  return {
    name,
    concurrent: true,
    async run(set) {
      const parts: RenderPart[] = [];
      // Loaded here, so that only a run that starts a worker loads node:worker_threads.
      const { RenderWorker, RenderWorkerError } = await import('../workers/render-in-worker.js');
      const worker = new RenderWorker(set, options, memoryLimitMb);
      try {
        for (let batch = batches.take(); batch !== null; batch = batches.take()) {
          try {
            parts.push(await worker.render(batch));
          } catch (error) {
            if (!(error instanceof RenderWorkerError)) throw error;
            const warning = `render worker failed (${error.message}); the main thread rendered its models instead.`;
            parts.push({ ...renderPart(set, batch, 'per-model', options), warnings: [warning] });
            break;
          }
        }
      } finally {
        await worker.close();
      }
      return renderParts.combine(parts);
    },
  };
}

/** Takes batches for this thread until none are left, letting the event loop hand workers theirs in between. */
export function mainThreadRenderStage(name: string, batches: ModelBatches, options: RenderOptions): Stage<ModelSet, RenderPart> {
  return {
    name,
    concurrent: true,
    async run(set) {
      const parts: RenderPart[] = [];
      for (let batch = batches.take(); batch !== null; batch = batches.take()) {
        parts.push(renderPart(set, batch, 'per-model', options));
        await new Promise((resolve) => setImmediate(resolve));
      }
      return renderParts.combine(parts);
    },
  };
}

export interface ParallelRenderOptions {
  readonly options: RenderOptions;
  /** Worker threads beside this one; at least one. */
  readonly workers: number;
  /** The most models a worker is sent at once. */
  readonly batchSize: number;
  readonly memoryLimitMb: number | null;
  /** Render the shared modules too, in this thread, before its first batch. */
  readonly withShared: boolean;
}

/**
 * `models` rendered by `workers` worker threads and this thread side by side, through a
 * ParallelPipeline. The worker stages come first, so their threads start before
 * this thread begins on the shared modules and then its own batches. Batches are at most
 * `batchSize` models, and small enough that every participant gets several.
 */
export function parallelModelsRender(models: readonly Model[], parallel: ParallelRenderOptions): ParallelPipeline<ModelSet, RenderPart> {
  const { options, workers } = parallel;
  const batches = new ModelBatches(models, Math.max(1, Math.min(parallel.batchSize, Math.ceil(models.length / ((workers + 1) * 4)))));
  return new ParallelPipeline<ModelSet, RenderPart>(
    'models',
    [
      ...Array.from({ length: workers }, (_, i) => workerRenderStage(`worker-${i + 1}-of-${workers}`, batches, options, parallel.memoryLimitMb)),
      ...(parallel.withShared ? [renderPartStage('shared', (set) => set.models, 'shared', options)] : []),
      mainThreadRenderStage('main-thread', batches, options),
    ],
    renderParts,
  );
}
