import { availableParallelism } from 'node:os';

/**
 * How many worker threads a render uses when the profile leaves it to rr: every core but two.
 * One core goes to the main thread, and V8's own collector and compiler threads keep about
 * another busy (a serial run of 2,000 tables used 1.15 cores); on 2 cores a worker measured
 * slower than none, cold and warm (docs/performance.md). Kept out of the worker's module, so that
 * a run which starts no worker never loads `node:worker_threads`.
 */
export function autoRenderWorkers(): number {
  return Math.max(0, availableParallelism() - 2);
}
