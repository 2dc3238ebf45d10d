import { PipelineOverlapError } from './errors.js';
import type { Merge } from './merge.js';
import { rootContext, runMeasured } from './metrics.js';
import type { PipelineRun, ExecuteOptions } from './pipeline.js';
import type { Stage, StageContext } from './stage.js';

/**
 * Independent stages over the same input, their outputs merged. They run side by side only when
 * every one of them is `concurrent`; otherwise one after another in declared order, so a stage
 * that is not safe beside others never is. Either way the merged output is the same.
 */
export class ParallelPipeline<I, O> implements Stage<I, O> {
  constructor(
    readonly name: string,
    private readonly stages: readonly Stage<I, O>[],
    private readonly merge: Merge<O>,
  ) {
    const names = stages.map((s) => s.name);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    // Metrics and overlap errors name stages; two with one name could not be told apart.
    if (repeated.length) throw new TypeError(`parallel pipeline "${name}": stage names must differ, "${repeated[0]}" is used twice.`);
  }

  get concurrent(): boolean {
    return this.stages.every((s) => s.concurrent);
  }

  /** True when the stages will actually run side by side. */
  get runsConcurrently(): boolean {
    return this.concurrent && this.stages.length > 1;
  }

  async run(input: I, context: StageContext): Promise<O> {
    let outputs: O[];
    if (this.concurrent) {
      outputs = await Promise.all(this.stages.map((stage) => runMeasured(stage, input, context)));
    } else {
      outputs = [];
      for (const stage of this.stages) outputs.push(await runMeasured(stage, input, context));
    }
    this.refuseOverlap(outputs);
    return this.merge.combine(outputs);
  }

  async execute(input: I, options: ExecuteOptions = {}): Promise<PipelineRun<O>> {
    const context = rootContext(options);
    const output = await this.run(input, context);
    return { output, stages: context.log.entries() };
  }

  private refuseOverlap(outputs: readonly O[]): void {
    const producers = new Map<string, string[]>();
    outputs.forEach((output, i) => {
      for (const key of this.merge.keysOf(output)) {
        const list = producers.get(key);
        if (list === undefined) producers.set(key, [this.stages[i]!.name]);
        else if (!list.includes(this.stages[i]!.name)) list.push(this.stages[i]!.name);
      }
    });
    const overlaps = [...producers]
      .filter(([, stages]) => stages.length > 1)
      .map(([key, stages]) => ({ key, stages }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (overlaps.length) throw new PipelineOverlapError(this.name, overlaps);
  }
}
