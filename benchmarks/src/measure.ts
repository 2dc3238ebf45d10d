import Benchmark from 'benchmark';

export interface CaseResult {
  readonly name: string;
  /** Median and mean of the benchmark's samples, in milliseconds. */
  readonly medianMs: number;
  readonly meanMs: number;
  readonly samples: number;
  /** Relative margin of error, in percent. */
  readonly rme: number;
  /** Heap growth at the peak of one run over the heap before it, after a forced GC. */
  readonly peakHeapMiB: number;
  readonly extra?: Readonly<Record<string, number | string>>;
}

/**
 * RR_BENCH_QUICK=1: every case runs with a few samples only, to prove the suites work on a busy
 * machine. Quick numbers are not results to publish; the report marks them.
 */
export const QUICK = process.env.RR_BENCH_QUICK === '1';

/** Sample counts: the full count, or `quick` under RR_BENCH_QUICK=1. */
export function samples(full: number, quick: number): number {
  return QUICK ? quick : full;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Peak heap of one run: sampled on a short timer while the work runs, after a forced GC. */
export async function peakHeapOf(work: () => Promise<unknown>): Promise<number> {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
    sample();
  }
  return (peak - before) / 2 ** 20;
}

/** Times an async function with benchmark.js (deferred), then measures one run's peak heap. */
export async function measure(name: string, work: () => Promise<unknown>, options: { minSamples?: number; maxTime?: number } = {}): Promise<CaseResult> {
  await work(); // warm up: module loading, JIT, the server's caches
  const stats = await new Promise<Benchmark.Stats>((resolve, reject) => {
    const bench = new Benchmark(name, {
      defer: true,
      minSamples: QUICK ? 3 : (options.minSamples ?? 10),
      maxTime: QUICK ? 0.1 : (options.maxTime ?? 5),
      fn: (deferred: Benchmark.Deferred) => {
        work().then(
          () => deferred.resolve(),
          (error: unknown) => reject(error),
        );
      },
      onComplete: () => resolve(bench.stats),
      onError: () => reject(bench.error),
    });
    bench.run({ async: true });
  });
  const median = medianOf(stats.sample);
  const peakHeapMiB = await peakHeapOf(work);
  return {
    name,
    medianMs: round(median * 1000),
    meanMs: round(stats.mean * 1000),
    samples: stats.sample.length,
    rme: round(stats.rme),
    peakHeapMiB: round(peakHeapMiB),
  };
}

/** The middle sample (the upper middle one of an even count). */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no samples');
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** Wall times of whole-process runs, summarised. */
export interface WallSummary {
  readonly runs: number;
  readonly medianWallMs: number;
  readonly minWallMs: number;
  readonly maxWallMs: number;
}

export function wallSummary(walls: readonly number[]): WallSummary {
  return { runs: walls.length, medianWallMs: round(medianOf(walls)), minWallMs: round(Math.min(...walls)), maxWallMs: round(Math.max(...walls)) };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
