import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { resolveMapperConfig } from '@rr/mapper';
import { modelPaths, SHARED_FILES } from '@rr/renderer';

import { Pipeline } from '../pipeline.js';
import { introspectStage } from './introspect.js';
import { mapStage } from './map.js';
import { renderStage, type Rendered } from './render.js';

// The committed blog snapshot: 7 models, 19 files (7 × model + record, and 5 shared modules).
const BLOG_SNAPSHOT = resolve(import.meta.dirname, '../../../../../examples/blog/rr.schema.json');

const work = mkdtempSync(join(tmpdir(), 'rr-render-stage-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function rendered(batchSize: number): Promise<Rendered> {
  const pipeline = Pipeline.of('render', introspectStage())
    .then(mapStage(resolveMapperConfig({})))
    .then(renderStage({ render: {}, cache: null, outputDir: join(work, 'unused'), parallelFrom: null, workers: 0, memoryLimitMb: null, batchSize }));
  return (await pipeline.execute({ kind: 'snapshot', file: BLOG_SNAPSHOT })).output;
}

describe('render stage, serial', () => {
  it('renders nothing itself: the writer makes the shared modules, then the models a batch at a time', async () => {
    const output = await rendered(3);
    expect(output.renders()).toBe(0);
    const models = output.modelSet.models;
    const batches = [models.slice(0, 3), models.slice(3, 6), models.slice(6)];
    expect(output.files.map((file) => file.path)).toEqual([...SHARED_FILES, ...batches.flat().flatMap((model) => modelPaths(model.fileName))]);

    // Renders happen at the first file of each part, and only there: the text held at once is
    // the shared modules', or one batch's.
    const rendersAt: number[] = [];
    output.files.forEach((file, i) => {
      const before = output.renders();
      expect(typeof file.contents).toBe('function');
      (file.contents as () => string)();
      if (output.renders() > before) rendersAt.push(i);
    });
    const firstOfBatch = (k: number) => SHARED_FILES.length + batches.slice(0, k).flat().length * 2;
    expect(rendersAt).toEqual([0, firstOfBatch(0), firstOfBatch(1), firstOfBatch(2)]);
    expect(output.renderMsOnDemand()).toBeGreaterThan(0);
  });

  it('lets each text go once the writer has taken it', async () => {
    const output = await rendered(10);
    const first = output.files[0]!.contents as () => string;
    expect(first()).toContain('export');
    expect(first).toThrow(/asked for twice/);
  });
});
