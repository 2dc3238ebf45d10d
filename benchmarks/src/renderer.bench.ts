import { mapSchema } from '@rr/mapper';
import { renderModelSet } from '@rr/renderer';
import { measure, type CaseResult } from './measure.js';
import { forEachWorkload, STAGE_WORKLOADS } from './workloads.js';

/** `renderModelSet` in process, warm, on mapped model sets from one model to 2,000. */
export async function rendererSuite(): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  await forEachWorkload(STAGE_WORKLOADS, async ({ label, snapshot }) => {
    const set = mapSchema(snapshot);
    let files = 0;
    const result = await measure(`render ${label}`, async () => {
      files = renderModelSet(set).files.length;
    }, { minSamples: 20 });
    results.push({ ...result, extra: { models: set.models.length, files } });
    console.error(`${result.name}: median ${result.medianMs} ms, ${set.models.length} models, ${files} files`);
  });
  return results;
}
