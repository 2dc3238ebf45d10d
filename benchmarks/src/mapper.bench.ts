import { mapSchema } from '@rr/mapper';
import { measure, type CaseResult } from './measure.js';
import { forEachWorkload, STAGE_WORKLOADS } from './workloads.js';

/** `mapSchema` in process, warm, on real snapshots from one table to 2,000. */
export async function mapperSuite(): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  await forEachWorkload(STAGE_WORKLOADS, async ({ label, snapshot }) => {
    let models = 0;
    let hitRate = 0;
    const result = await measure(`map ${label}`, async () => {
      const set = mapSchema(snapshot);
      models = set.models.length;
      const { hits, misses } = set.stats.typeCache;
      hitRate = hits / Math.max(1, hits + misses);
    }, { minSamples: 30 });
    results.push({ ...result, extra: { tables: snapshot.tables.length, models, typeCacheHitRate: Math.round(hitRate * 1000) / 1000 } });
    console.error(`${result.name}: median ${result.medianMs} ms, ${models} models, type cache hit rate ${hitRate.toFixed(3)}`);
  });
  return results;
}
