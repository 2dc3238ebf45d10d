import { introspectDatabase, type SchemaSnapshot } from '@rr/schema';
import { mapSchema } from '@rr/mapper';
import { dropDatabase, sharedSchemaDatabase, syntheticDatabase } from './databases.js';
import { measure, type CaseResult } from './measure.js';

async function snapshotOf(url: string | null): Promise<SchemaSnapshot | null> {
  if (!url) return null;
  const { snapshot } = await introspectDatabase({ url });
  await dropDatabase(url);
  return snapshot;
}

/** `mapSchema` in process, warm, on real snapshots: musicbrainz and 2,000 synthetic tables. */
export async function mapperSuite(): Promise<CaseResult[]> {
  const cases = [
    { name: 'map musicbrainz (513 tables)', snapshot: await snapshotOf(sharedSchemaDatabase('musicbrainz')) },
    { name: 'map synthetic 2000 tables', snapshot: await snapshotOf(await syntheticDatabase(2000)) },
  ];
  const results: CaseResult[] = [];
  for (const c of cases) {
    const snapshot = c.snapshot;
    if (!snapshot) {
      console.error(`skipped ${c.name}: the shared schemas are not available`);
      continue;
    }
    let models = 0;
    let hitRate = 0;
    const result = await measure(c.name, async () => {
      const set = mapSchema(snapshot);
      models = set.models.length;
      const { hits, misses } = set.stats.typeCache;
      hitRate = hits / Math.max(1, hits + misses);
    }, { minSamples: 30 });
    results.push({ ...result, extra: { models, typeCacheHitRate: Math.round(hitRate * 1000) / 1000 } });
    console.error(`${result.name}: median ${result.medianMs} ms, ${models} models, type cache hit rate ${hitRate.toFixed(3)}`);
  }
  return results;
}
