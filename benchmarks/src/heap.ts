import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';

const gc = (globalThis as { gc?: () => void }).gc;

/** Used heap after a full collection; needs `node --expose-gc`. */
export function settledHeap(): number {
  if (!gc) throw new Error('the memory suite needs node --expose-gc (npm run bench:memory -w benchmarks passes it)');
  gc();
  gc();
  return v8.getHeapStatistics().used_heap_size;
}

/**
 * Bytes allocated on the V8 heap while `work` runs: what the heap grew by, plus what every
 * collection during the run freed (V8's GC profiler reports the heap before and after each).
 */
export async function allocatedBytes(work: () => Promise<unknown>): Promise<number> {
  const before = settledHeap();
  const profiler = new v8.GCProfiler();
  profiler.start();
  await work();
  const after = v8.getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let freed = 0;
  for (const event of statistics) freed += event.beforeGC.heapStatistics.usedHeapSize - event.afterGC.heapStatistics.usedHeapSize;
  return after - before + freed;
}

export interface KindTotal {
  readonly kind: string;
  readonly count: number;
  readonly selfBytes: number;
}

/** Live objects by kind, much as the DevTools summary groups them: constructor name, or (string), (array)… */
export function heapByKind(): Map<string, { count: number; selfBytes: number }> {
  const file = join(tmpdir(), `rr-bench-${process.pid}-${Date.now()}.heapsnapshot`);
  v8.writeHeapSnapshot(file);
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = data.snapshot.meta.node_fields;
    const width = fields.length;
    const typeAt = fields.indexOf('type');
    const nameAt = fields.indexOf('name');
    const sizeAt = fields.indexOf('self_size');
    const typeNames = data.snapshot.meta.node_types[0];
    const kinds = new Map<string, { count: number; selfBytes: number }>();
    for (let i = 0; i < data.nodes.length; i += width) {
      const kind = kindOf(typeNames[data.nodes[i + typeAt] as number] as string, data.strings[data.nodes[i + nameAt] as number] as string);
      if (kind === null) continue;
      const total = kinds.get(kind) ?? { count: 0, selfBytes: 0 };
      total.count++;
      total.selfBytes += data.nodes[i + sizeAt] as number;
      kinds.set(kind, total);
    }
    return kinds;
  } finally {
    rmSync(file, { force: true });
  }
}

function kindOf(type: string, name: string): string | null {
  switch (type) {
    case 'object':
    case 'native':
      return name;
    case 'string':
      return '(string)';
    case 'concatenated string':
    case 'sliced string':
      // Kept apart from flat strings: ropes left by concatenation are a cost of their own.
      return `(${type})`;
    case 'closure':
      return '(closure)';
    case 'array':
      return '(array)';
    case 'code':
      return '(compiled code)';
    case 'number':
      return '(number)';
    case 'regexp':
      return 'RegExp';
    case 'synthetic':
      return null;
    default:
      return `(${type})`;
  }
}

/** What `hold` keeps alive, by kind: the heap's kinds after it minus before it, largest first. */
export async function topKindsHeldBy<T>(hold: () => Promise<T>, top = 10): Promise<{ readonly held: T; readonly kinds: readonly KindTotal[] }> {
  const before = heapByKind();
  const held = await hold();
  const after = heapByKind();
  const kinds: KindTotal[] = [];
  for (const [kind, total] of after) {
    const base = before.get(kind) ?? { count: 0, selfBytes: 0 };
    const selfBytes = total.selfBytes - base.selfBytes;
    if (selfBytes > 0) kinds.push({ kind, count: total.count - base.count, selfBytes });
  }
  kinds.sort((a, b) => b.selfBytes - a.selfBytes);
  return { held, kinds: kinds.slice(0, top) };
}
