import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveMapperConfig } from '@rr/mapper';
import type { SchemaSource } from '@rr/schema';

import { blogSnapshot, writeSnapshot } from './blog.test-support.js';
import { MemoryLimitError } from './errors.js';
import { MetricsLog, rootContext } from './metrics.js';
import { Pipeline } from './pipeline.js';
import { introspectStage } from './stages/introspect.js';
import { mapStage } from './stages/map.js';
import { renderStage } from './stages/render.js';
import { writeStage } from './stages/write.js';

const work = mkdtempSync(join(tmpdir(), 'rr-pipeline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let source: SchemaSource;
beforeAll(async () => {
  source = { kind: 'snapshot', file: writeSnapshot(work, await blogSnapshot()) };
});

const front = () => Pipeline.of('front', introspectStage()).then(mapStage(resolveMapperConfig({}))).then(renderStage({ render: {}, cache: null, outputDir: work, parallelFrom: null, workers: 0, memoryLimitMb: null, batchSize: 10 }));

describe('Pipeline', () => {
  it("feeds each stage the previous one's output and records one metric per stage, in order", async () => {
    const { output, stages } = await front().execute(source);
    expect(output.snapshot.tables).toHaveLength(9);
    expect(output.modelSet.models).toHaveLength(7);
    expect(output.files).toHaveLength(19);
    expect(stages.map((s) => s.stage)).toEqual(['introspect', 'map', 'render']);
    for (const s of stages) {
      expect(Object.keys(s).sort()).toEqual(['heapUsedDeltaMb', 'heapUsedMb', 'ms', 'rssMb', 'stage']);
      expect(s.ms).toBeGreaterThanOrEqual(0);
      expect(s.heapUsedMb).toBeGreaterThan(0);
      expect(s.rssMb).toBeGreaterThanOrEqual(s.heapUsedMb);
    }
  });

  it('is immutable: then() returns a new pipeline and leaves the old one as it was', () => {
    const base = Pipeline.of('p', introspectStage());
    const longer = base.then(mapStage(resolveMapperConfig({})));
    expect(base.stageNames).toEqual(['introspect']);
    expect(longer.stageNames).toEqual(['introspect', 'map']);
  });

  it('is concurrent only when every stage is (the writer holds a lock, so it is not)', () => {
    expect(front().concurrent).toBe(true);
    expect(front().then(writeStage({ outputDir: work, mode: 'dry-run', force: false, batchSize: 10 })).concurrent).toBe(false);
  });

  it('nests: a pipeline used as a stage names its stages outer/inner after its own entry', async () => {
    const outer = Pipeline.of('generate', front()).then(writeStage({ outputDir: join(work, 'nested'), mode: 'dry-run', force: false, batchSize: 10 }));
    const { output, stages } = await outer.execute(source);
    expect(output.report.created).toHaveLength(19);
    expect(stages.map((s) => s.stage)).toEqual(['front', 'front/introspect', 'front/map', 'front/render', 'write']);
  });

  it('stops at the first stage that ends over the memory limit, naming it; later stages never run', async () => {
    const log = new MetricsLog();
    const error = await front()
      .run(source, { ...rootContext({ log }), memoryLimitMb: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoryLimitError);
    expect(error).toMatchObject({ code: 'RR_MEMORY_LIMIT', stage: 'introspect', limitMb: 1 });
    expect((error as Error).message).toMatch(/stage "introspect" .* over the memory limit of 1 MB/);
    expect(log.entries().map((s) => s.stage)).toEqual(['introspect']);
  });

  it('a stage that throws leaves no metric, and the error passes through unchanged', async () => {
    const log = new MetricsLog();
    const missing: SchemaSource = { kind: 'snapshot', file: join(work, 'no-such.json') };
    await expect(front().run(missing, rootContext({ log }))).rejects.toMatchObject({ code: 'RR_SNAPSHOT_UNREADABLE' });
    expect(log.entries()).toEqual([]);
  });
});
