import { performance } from 'node:perf_hooks';

import { MemoryLimitError } from './errors.js';
import type { Stage, StageContext } from './stage.js';

/** What one stage cost. Memory is process-wide: for stages run side by side it is shared. */
export interface StageMetrics {
  /** `outer/inner` for a stage nested in another. */
  readonly stage: string;
  readonly ms: number;
  /** Heap in use after the stage minus before it; negative when a collection ran meanwhile. */
  readonly heapUsedDeltaMb: number;
  readonly heapUsedMb: number;
  readonly rssMb: number;
}

/**
 * Metrics in the order stages started, so a nested stage follows its parent and stages run
 * side by side keep their declared order whatever order they finish in.
 */
export class MetricsLog {
  readonly #slots: (StageMetrics | undefined)[] = [];

  reserve(): (metrics: StageMetrics) => void {
    const index = this.#slots.push(undefined) - 1;
    return (metrics) => {
      this.#slots[index] = metrics;
    };
  }

  /** Finished stages only: one that threw leaves no entry. */
  entries(): readonly StageMetrics[] {
    return this.#slots.filter((m): m is StageMetrics => m !== undefined);
  }
}

export function rootContext(options: { readonly memoryLimitMb?: number | null; readonly log?: MetricsLog } = {}): StageContext {
  return { scope: [], log: options.log ?? new MetricsLog(), memoryLimitMb: options.memoryLimitMb ?? null };
}

/** Runs one stage inside `context`, records its metrics, then enforces the memory limit. */
export async function runMeasured<I, O>(stage: Stage<I, O>, input: I, context: StageContext): Promise<O> {
  const name = [...context.scope, stage.name].join('/');
  const record = context.log.reserve();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const output = await stage.run(input, { ...context, scope: [...context.scope, stage.name] });
  const ms = round(performance.now() - started);
  const memory = process.memoryUsage();
  const heapUsedMb = megabytes(memory.heapUsed);
  record({ stage: name, ms, heapUsedDeltaMb: megabytes(memory.heapUsed - heapBefore), heapUsedMb, rssMb: megabytes(memory.rss) });
  if (context.memoryLimitMb !== null && memory.heapUsed > context.memoryLimitMb * MB) {
    throw new MemoryLimitError(name, context.memoryLimitMb, heapUsedMb);
  }
  return output;
}

const MB = 1024 * 1024;

function megabytes(bytes: number): number {
  return round(bytes / MB);
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
