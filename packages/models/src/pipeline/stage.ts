import type { MetricsLog } from './metrics.js';

/** What a stage learns about the run it is part of. */
export interface StageContext {
  /** Names of the enclosing stages, outermost first: nested metrics are named `outer/inner`. */
  readonly scope: readonly string[];
  readonly log: MetricsLog;
  /** Heap ceiling checked after every stage; null for none. */
  readonly memoryLimitMb: number | null;
}

/**
 * One step of a pipeline. `concurrent` says the stage may run beside its siblings on the same
 * input: it shares no mutable state with them and does not depend on their order.
 */
export interface Stage<I, O> {
  readonly name: string;
  readonly concurrent: boolean;
  run(input: I, context: StageContext): Promise<O>;
}
