import { rootContext, runMeasured, type MetricsLog, type StageMetrics } from './metrics.js';
import type { Stage, StageContext } from './stage.js';

export interface PipelineRun<O> {
  readonly output: O;
  /** One entry per finished stage, nested stages included, in the order they started. */
  readonly stages: readonly StageMetrics[];
}

export interface ExecuteOptions {
  readonly memoryLimitMb?: number | null;
}

/**
 * Stages run one after another, each fed the previous one's output. A pipeline is a stage too,
 * so pipelines nest; its stages' metrics are then named `pipeline/stage`.
 */
export class Pipeline<I, O> implements Stage<I, O> {
  private constructor(
    readonly name: string,
    // The chain is typed at construction (`then`); stored untyped because its length varies.
    private readonly stages: readonly Stage<unknown, unknown>[],
  ) {}

  static of<I, O>(name: string, first: Stage<I, O>): Pipeline<I, O> {
    return new Pipeline<I, O>(name, [first as Stage<unknown, unknown>]);
  }

  /** A new pipeline with `next` appended; this one is left as it was. */
  then<N>(next: Stage<O, N>): Pipeline<I, N> {
    return new Pipeline<I, N>(this.name, [...this.stages, next as Stage<unknown, unknown>]);
  }

  get stageNames(): readonly string[] {
    return this.stages.map((s) => s.name);
  }

  /** Only when every stage may: one stage that must run alone makes the whole chain do so. */
  get concurrent(): boolean {
    return this.stages.every((s) => s.concurrent);
  }

  async run(input: I, context: StageContext): Promise<O> {
    let value: unknown = input;
    for (const stage of this.stages) value = await runMeasured(stage, value, context);
    return value as O;
  }

  /** Runs from the top, with a fresh metrics log. */
  async execute(input: I, options: ExecuteOptions & { readonly log?: MetricsLog } = {}): Promise<PipelineRun<O>> {
    const context = rootContext(options);
    const output = await this.run(input, context);
    return { output, stages: context.log.entries() };
  }
}
