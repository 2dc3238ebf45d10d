import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';

import { serializeSnapshot, type SchemaSource } from '@rr/schema';

// Test support of the mapper stage: a deterministic Rails-shaped snapshot of any size.
import { syntheticSnapshot } from '../../../mapper/src/testing/synthetic-schema.js';
import { DEFAULT_PROFILES } from '../config/performance.js';
import { generate, type GenerateResult } from './generate.js';

// A forced collection makes heap figures repeatable; --expose-gc cannot be passed to the runner.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), 'rr-memory-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function source(tables: number): SchemaSource {
  const file = join(work, `synthetic-${tables}.json`);
  writeFileSync(file, serializeSnapshot(syntheticSnapshot(tables)));
  return { kind: 'snapshot', file };
}

async function run(tables: number): Promise<GenerateResult> {
  return generate({ source: source(tables), outputDir: join(work, `out-${tables}`), cacheDir: null, profile: DEFAULT_PROFILES.development });
}

const peakMb = (result: GenerateResult) => Math.max(...result.stages.map((s) => s.heapUsedMb));

describe('memory', () => {
  it('heap per model stays under 250 KB at the peak of a run (100 tables against 500)', async () => {
    await run(20); // templates compiled, code loaded: what every later run shares
    gc();
    const small = await run(100);
    gc();
    const large = await run(500);
    const perModelKb = ((peakMb(large) - peakMb(small)) * 1024) / (large.models - small.models);
    console.info(`peak heap: ${peakMb(small)} MB for ${small.models} models, ${peakMb(large)} MB for ${large.models}: ${perModelKb.toFixed(0)} KB per model`);
    expect(large.models - small.models).toBe(440); // a junction table every tenth table
    expect(perModelKb).toBeLessThan(250);
  });

  it('a finished run leaves no more than 2 MB behind', async () => {
    await run(50);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 3; i++) await run(200);
    gc();
    const retainedMb = (process.memoryUsage().heapUsed - before) / MB;
    console.info(`retained after three runs of 200 tables: ${retainedMb.toFixed(2)} MB`);
    expect(retainedMb).toBeLessThan(2);
  });
});
