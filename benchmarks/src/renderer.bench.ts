import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { mapSchema, type ModelSet } from '@rr/mapper';
import { renderModelSet } from '@rr/renderer';
import { introspectDatabase } from '@rr/schema';

import { REPO_ROOT, dropDatabase, sharedSchemaDatabase } from './databases.js';
import { measure, round, type CaseResult } from './measure.js';

const RRGEN = join(REPO_ROOT, 'packages', 'models', 'bin', 'rrgen.js');
const COLD_RUNS = 7;

function firstModels(set: ModelSet, count: number): ModelSet {
  return { ...set, models: set.models.slice(0, count) };
}

/**
 * `renderModelSet` in process and warm (1 model, 50, all of musicbrainz), then whole
 * `rrgen generate` runs against the database in a cold process into an empty directory.
 */
export async function rendererSuite(): Promise<CaseResult[]> {
  const url = sharedSchemaDatabase('musicbrainz');
  if (!url) {
    console.error('skipped the renderer suite: the shared schemas are not available');
    return [];
  }
  const { snapshot } = await introspectDatabase({ url });
  const set = mapSchema(snapshot);
  const results: CaseResult[] = [];
  for (const [name, models] of [
    ['render 1 model', firstModels(set, 1)],
    ['render 50 models', firstModels(set, 50)],
    [`render musicbrainz (${set.models.length} models)`, set],
  ] as const) {
    let files = 0;
    const result = await measure(name, async () => {
      files = renderModelSet(models).files.length;
    }, { minSamples: 20 });
    results.push({ ...result, extra: { files } });
    console.error(`${name}: median ${result.medianMs} ms, ${files} files`);
  }
  results.push(coldGenerate(url, set.models.length));
  await dropDatabase(url);
  return results;
}

/** Median wall time and peak RSS of `rrgen generate` in a fresh process, empty output directory each run. */
function coldGenerate(url: string, models: number): CaseResult {
  const walls: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const out = mkdtempSync(join(tmpdir(), 'rr-bench-generate-'));
    const started = performance.now();
    const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, RRGEN, 'generate', '--database-url', url, '--out', out, '--json'], { encoding: 'utf8' });
    const wall = performance.now() - started;
    rmSync(out, { recursive: true, force: true });
    if (child.status !== 0) throw new Error(`rrgen generate failed: ${child.stderr}`);
    walls.push(wall);
    rss.push(Number(child.stderr.trim().split('\n').at(-1)) / 1024);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const name = `rrgen generate musicbrainz, cold process, empty directory (${models} models)`;
  console.error(`${name}: median ${round(median(walls))} ms wall, peak RSS ${round(median(rss))} MiB`);
  return {
    name,
    medianMs: round(median(walls)),
    meanMs: round(walls.reduce((a, b) => a + b, 0) / walls.length),
    samples: walls.length,
    rme: 0,
    peakHeapMiB: 0,
    extra: { peakRssMiB: round(median(rss)) },
  };
}
