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
      minSamples: options.minSamples ?? 10,
      maxTime: options.maxTime ?? 5,
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
  const sorted = [...stats.sample].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? stats.mean;
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

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
