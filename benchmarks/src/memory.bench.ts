import { rmSync } from 'node:fs';
import { mapSchema } from '@rr/mapper';
import { generate } from '@rr/models';
import { renderModelSet } from '@rr/renderer';
import { introspectDatabase } from '@rr/schema';
import { allocatedBytes, settledHeap, topKindsHeldBy, type KindTotal } from './heap.js';
import { medianOf, round, samples } from './measure.js';
import { forEachWorkload, MODELS_20, MODELS_50, MUSICBRAINZ } from './workloads.js';
import { scratchDir } from './scratch.js';

export interface MemoryCase {
  readonly name: string;
  readonly models: number;
  /** Median bytes allocated on the V8 heap by one `generate()` into an empty directory. */
  readonly allocatedMiB: number;
  readonly runs: number;
  /** Heap left over after a `generate()` (its result dropped) and a forced GC, over the heap before it: a leak check. */
  readonly retainedAfterRunMiB: number;
  /** Heap held by the stage outputs at once (snapshot, model set, rendered files), after a forced GC. */
  readonly stageOutputsMiB: number;
  readonly stageOutputsKiBPerModel: number;
  /** What the stage outputs hold, by kind, from heap snapshots before and after (top 10 by self size). */
  readonly topKinds: readonly KindTotal[];
}

const MiB = 2 ** 20;

/**
 * Memory of the serial pipeline (development profile, all in the main isolate) for 20 and 50
 * models and musicbrainz: V8 heap statistics after forced GCs, and heap snapshots by kind.
 */
export async function memorySuite(): Promise<MemoryCase[]> {
  const results: MemoryCase[] = [];
  await forEachWorkload([MODELS_20, MODELS_50, MUSICBRAINZ], async ({ label, url }) => {
    const dirs: string[] = [];
    const run = () => {
      const dir = scratchDir('memory');
      dirs.push(dir);
      return generate({ source: { kind: 'database', url }, outputDir: dir, cacheDir: null });
    };
    await run(); // warm up: modules, JIT, template compilation
    const allocations: number[] = [];
    for (let i = 0; i < samples(5, 1); i++) allocations.push(await allocatedBytes(run));

    const before = settledHeap();
    await run();
    const retainedAfterRun = settledHeap() - before;

    const outputsBefore = settledHeap();
    const { held, kinds } = await topKindsHeldBy(async () => {
      const { snapshot } = await introspectDatabase({ url });
      const modelSet = mapSchema(snapshot);
      return { snapshot, modelSet, rendered: renderModelSet(modelSet) };
    });
    const stageOutputs = settledHeap() - outputsBefore;
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });

    const models = held.modelSet.models.length;
    const entry: MemoryCase = {
      name: label,
      models,
      allocatedMiB: round(medianOf(allocations) / MiB),
      runs: allocations.length,
      retainedAfterRunMiB: round(retainedAfterRun / MiB),
      stageOutputsMiB: round(stageOutputs / MiB),
      stageOutputsKiBPerModel: round(stageOutputs / 1024 / Math.max(1, models)),
      topKinds: kinds,
    };
    results.push(entry);
    console.error(`memory ${entry.name}: allocated ${entry.allocatedMiB} MiB per run, left after a run ${entry.retainedAfterRunMiB} MiB, stage outputs ${entry.stageOutputsMiB} MiB (${entry.stageOutputsKiBPerModel} KiB per model); top: ${kinds.slice(0, 3).map((k) => `${k.kind} ${round(k.selfBytes / MiB)} MiB`).join(', ')}`);
  });
  return results;
}
