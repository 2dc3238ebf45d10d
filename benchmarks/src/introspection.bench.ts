import { introspectDatabase } from '@rr/schema';
import { measure, type CaseResult } from './measure.js';
import { forEachWorkload, MODELS_50, MUSICBRAINZ, SINGLE, SYNTHETIC_1000, SYNTHETIC_2000 } from './workloads.js';

/** Introspection of a live server, from one table to 2,000 (200 kept for comparison with earlier runs). */
export async function introspectionSuite(): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const workloads = [SINGLE, MODELS_50, MUSICBRAINZ, { kind: 'synthetic', tables: 200 } as const, SYNTHETIC_1000, SYNTHETIC_2000];
  await forEachWorkload(workloads, async ({ label, url }) => {
    let roundTrips = 0;
    let tables = 0;
    const result = await measure(`introspect ${label}`, async () => {
      const r = await introspectDatabase({ url });
      roundTrips = r.roundTrips;
      tables = r.snapshot.tables.length;
    });
    results.push({ ...result, extra: { roundTrips, tables } });
    console.error(`${result.name}: median ${result.medianMs} ms, peak heap +${result.peakHeapMiB} MiB, ${tables} tables, ${roundTrips} round trips`);
  });
  return results;
}
