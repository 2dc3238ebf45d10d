import { introspectDatabase } from '@rr/schema';
import { dropDatabase, sharedSchemaDatabase, syntheticDatabase } from './databases.js';
import { measure, type CaseResult } from './measure.js';

/** Introspection of a live server: musicbrainz and synthetic schemas of growing size. */
export async function introspectionSuite(): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const cases: { name: string; url: string | null }[] = [{ name: 'musicbrainz (513 tables, 10 schemas)', url: sharedSchemaDatabase('musicbrainz') }];
  for (const tables of [200, 1000, 2000]) cases.push({ name: `synthetic ${tables} tables`, url: await syntheticDatabase(tables) });
  for (const c of cases) {
    if (!c.url) {
      console.error(`skipped ${c.name}: the shared schemas are not available`);
      continue;
    }
    const url = c.url;
    let roundTrips = 0;
    let tables = 0;
    const result = await measure(`introspect ${c.name}`, async () => {
      const r = await introspectDatabase({ url });
      roundTrips = r.roundTrips;
      tables = r.snapshot.tables.length;
    });
    results.push({ ...result, extra: { roundTrips, tables } });
    console.error(`${result.name}: median ${result.medianMs} ms, peak heap +${result.peakHeapMiB} MiB, ${roundTrips} round trips`);
    await dropDatabase(url);
  }
  return results;
}
