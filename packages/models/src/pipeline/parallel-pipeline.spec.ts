import { beforeAll, describe, expect, it } from 'vitest';

import { mapSchema, type Model, type ModelSet } from '@rr/mapper';
import { renderModelSet, type RenderedFile } from '@rr/renderer';

import { blogSnapshot } from './blog.test-support.js';
import { PipelineOverlapError } from './errors.js';
import { byKey, byName } from './merge.js';
import { ParallelPipeline } from './parallel-pipeline.js';
import { renderPartStage, renderParts, type RenderPart, type RenderPartFiles } from './stages/render-part.js';
import type { Stage } from './stage.js';

let set: ModelSet;
beforeAll(async () => {
  set = mapSchema(await blogSnapshot());
});

const firstHalf = (s: ModelSet): readonly Model[] => s.models.slice(0, Math.floor(s.models.length / 2));
const secondHalf = (s: ModelSet): readonly Model[] => s.models.slice(Math.floor(s.models.length / 2));
const halves = (files: RenderPartFiles) => [renderPartStage('first', firstHalf, files, {}), renderPartStage('second', secondHalf, files, {})];

describe('ParallelPipeline', () => {
  it("merges two render stages over disjoint halves of a model set: every per-model file, each once, byte for byte the whole render's", async () => {
    const whole = renderModelSet(set);
    const perModel = whole.files.filter((f) => f.path.includes('/'));
    const { output, stages } = await new ParallelPipeline('render', halves('per-model'), renderParts).execute(set);
    expect(firstHalf(set).length + secondHalf(set).length).toBe(7);
    expect(output.files).toEqual(perModel);
    expect(stages.map((s) => s.stage)).toEqual(['first', 'second']);
  });

  it('with the shared files from a third stage, the merge is exactly the single render', async () => {
    const stages = [renderPartStage('shared', (s) => s.models, 'shared', {}), ...halves('per-model')];
    const { output } = await new ParallelPipeline('render', stages, renderParts).execute(set);
    expect(output.files).toEqual(renderModelSet(set).files);
  });

  it('refuses to merge halves that both write the shared files, naming every overlapping key and its stages', async () => {
    const error = await new ParallelPipeline('render', halves('all'), renderParts).execute(set).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineOverlapError);
    const overlap = error as PipelineOverlapError;
    expect(overlap.code).toBe('RR_PIPELINE_OVERLAP');
    expect(overlap.keys).toEqual(['index.ts', 'mutators.ts', 'queries.ts', 'schema.ts', 'support.ts']);
    expect(overlap.overlaps[0]).toEqual({ key: 'index.ts', stages: ['first', 'second'] });
    expect(overlap.message).toMatch(/parallel pipeline "render": .*"schema\.ts" \(first, second\)/);
  });

  it('merges objects keyed by name, and refuses a name two stages produce', async () => {
    const byTable = (name: string, pick: (s: ModelSet) => readonly Model[]): Stage<ModelSet, Readonly<Record<string, Model>>> => ({
      name,
      concurrent: true,
      run: async (s) => Object.fromEntries(pick(s).map((m) => [m.key, m])),
    });
    const { output } = await new ParallelPipeline('models', [byTable('a', firstHalf), byTable('b', secondHalf)], byName<Model>()).execute(set);
    expect(Object.keys(output).sort()).toEqual(set.models.map((m) => m.key).sort());
    const twice = new ParallelPipeline('models', [byTable('a', firstHalf), byTable('b', (s) => s.models)], byName<Model>());
    await expect(twice.execute(set)).rejects.toMatchObject({ code: 'RR_PIPELINE_OVERLAP', keys: firstHalf(set).map((m) => m.key).sort() });
  });

  it('runs side by side only when every stage is concurrent; otherwise in declared order, with the same result', async () => {
    const events: string[] = [];
    // Real render stages, wrapped to observe when they start and end: under test is the scheduling.
    const observed = (stage: Stage<ModelSet, RenderPart>, concurrent: boolean): Stage<ModelSet, RenderPart> => ({
      name: stage.name,
      concurrent,
      async run(input, context) {
        events.push(`start ${stage.name}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
        const output = await stage.run(input, context);
        events.push(`end ${stage.name}`);
        return output;
      },
    });
    const [first, second] = halves('per-model') as [Stage<ModelSet, RenderPart>, Stage<ModelSet, RenderPart>];

    const alone = new ParallelPipeline('render', [observed(first, true), observed(second, false)], renderParts);
    expect(alone.runsConcurrently).toBe(false);
    const serial = await alone.execute(set);
    expect(events).toEqual(['start first', 'end first', 'start second', 'end second']);

    events.length = 0;
    const together = new ParallelPipeline('render', [observed(first, true), observed(second, true)], renderParts);
    expect(together.runsConcurrently).toBe(true);
    const concurrent = await together.execute(set);
    expect(events.slice(0, 2)).toEqual(['start first', 'start second']);
    expect(concurrent.output).toEqual(serial.output);
  });

  it('merges arrays keyed by path, and refuses a path two stages produce', async () => {
    const files = (stage: Stage<ModelSet, RenderPart>): Stage<ModelSet, readonly RenderedFile[]> => ({
      name: stage.name,
      concurrent: true,
      run: async (input, context) => (await stage.run(input, context)).files,
    });
    const byPath = byKey<RenderedFile>((f) => f.path);
    const { output } = await new ParallelPipeline('files', halves('per-model').map(files), byPath).execute(set);
    expect(output.map((f) => f.path).sort()).toEqual(renderModelSet(set).files.filter((f) => f.path.includes('/')).map((f) => f.path));
    await expect(new ParallelPipeline('files', halves('all').map(files), byPath).execute(set)).rejects.toMatchObject({ code: 'RR_PIPELINE_OVERLAP' });
  });

  it('rejects two stages with one name: metrics and overlap errors could not tell them apart', () => {
    expect(() => new ParallelPipeline('render', [halves('per-model')[0]!, halves('per-model')[0]!], renderParts)).toThrow(/"first" is used twice/);
  });
});
