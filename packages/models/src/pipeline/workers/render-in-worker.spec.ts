import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { mapSchema, resolveMapperConfig, type Model } from '@rr/mapper';
import { renderModelSet } from '@rr/renderer';
import { parseSnapshot } from '@rr/schema';

import { rootContext } from '../metrics.js';
import { mainThreadRenderStage, ModelBatches, parallelModelsRender, workerRenderStage } from '../stages/parallel-render.js';
import { RenderWorker, RenderWorkerError } from './render-in-worker.js';

const BLOG_SNAPSHOT = resolve(import.meta.dirname, '../../../../../examples/blog/rr.schema.json');
const set = mapSchema(parseSnapshot(readFileSync(BLOG_SNAPSHOT, 'utf8'), BLOG_SNAPSHOT).snapshot, resolveMapperConfig({}));
const some = set.models.slice(2, 5);
const inThisThread = (models: readonly Model[] = some) => renderModelSet({ ...set, models }, { parts: 'per-model' });

describe('render worker threads', () => {
  it('render the per-model files of each batch they are given, byte for byte as this thread does', async () => {
    const worker = new RenderWorker(set, {}, null);
    try {
      const first = await worker.render(some);
      const second = await worker.render(set.models.slice(0, 2));
      expect(first.files).toEqual(inThisThread().files);
      expect(first.renders).toBe(6);
      expect(second.files).toEqual(inThisThread(set.models.slice(0, 2)).files);
    } finally {
      await worker.close();
    }
  });

  it('fail with RenderWorkerError when the heap limit cannot hold them', async () => {
    const worker = new RenderWorker(set, {}, 1);
    const error = await worker.render(set.models).catch((e: unknown) => e);
    await worker.close();
    expect(error).toBeInstanceOf(RenderWorkerError);
  });

  it('a failed worker costs time, not the run: its batch is rendered in this thread instead, and it takes no more', async () => {
    const batches = new ModelBatches(some, 1);
    const part = await workerRenderStage('worker', batches, {}, 1).run(set, rootContext());
    expect(part.files).toEqual(inThisThread(some.slice(0, 1)).files);
    expect(part.warnings).toEqual([expect.stringMatching(/^render worker failed \(.+\); the main thread rendered its models instead\.$/)]);
    const rest = await mainThreadRenderStage('main-thread', batches, {}).run(set, rootContext());
    expect(rest.files).toEqual(inThisThread(some.slice(1)).files);
  });

  it('workers and this thread share the batches, and together render every model once', async () => {
    const { output, stages } = await parallelModelsRender(set.models, { options: {}, workers: 1, batchSize: 1, memoryLimitMb: null, withShared: true }).execute(set);
    expect(output.files).toEqual(renderModelSet(set).files);
    expect(output.renders).toBe(2 * set.models.length + 5);
    expect(stages.map((s) => s.stage).slice(-2)).toEqual(['shared', 'main-thread']);
  });
});
