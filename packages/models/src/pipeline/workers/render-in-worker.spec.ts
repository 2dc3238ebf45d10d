import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { mapSchema, resolveMapperConfig } from '@rr/mapper';
import { renderModelSet } from '@rr/renderer';
import { parseSnapshot } from '@rr/schema';

import { rootContext } from '../metrics.js';
import { workerRenderStage } from '../stages/render.js';
import { renderInWorker, RenderWorkerError } from './render-in-worker.js';

const BLOG_SNAPSHOT = resolve(import.meta.dirname, '../../../../../examples/blog/rr.schema.json');
const set = mapSchema(parseSnapshot(readFileSync(BLOG_SNAPSHOT, 'utf8'), BLOG_SNAPSHOT).snapshot, resolveMapperConfig({}));
const some = set.models.slice(2, 5);
const inThisThread = renderModelSet({ ...set, models: some }, { parts: 'per-model' });

describe('render worker threads', () => {
  it('render the per-model files of the models they are given, byte for byte as this thread does', async () => {
    const result = await renderInWorker(set, some, {}, null);
    expect(result.files).toEqual(inThisThread.files);
    expect(result.renders).toBe(6);
  });

  it('fail with RenderWorkerError when the heap limit cannot hold them', async () => {
    const error = await renderInWorker(set, set.models, {}, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderWorkerError);
  });

  it('a failed worker costs time, not the run: its slice is rendered in this thread instead', async () => {
    const stage = workerRenderStage('worker', () => some, {}, 1);
    const part = await stage.run(set, rootContext());
    expect(part.files).toEqual(inThisThread.files);
    expect(part.warnings).toEqual([expect.stringMatching(/^render worker failed \(.+\); its 3 models were rendered in the main thread instead\.$/)]);
  });
});
