import { rmSync } from 'node:fs';
import { generate, type GenerateResult } from '@rr/models';
import { measure, round, type CaseResult } from './measure.js';
import { defaultProfiles } from './profiles.js';
import { forEachWorkload, STAGE_WORKLOADS } from './workloads.js';
import { scratchDir } from './scratch.js';

/**
 * The whole pipeline in process: `generate()` from @rr/models against the live database into an
 * empty directory, with the development profile (serial) and the production profile (parallel),
 * from one model to 2,000 tables, and no caches (a first run: every sample reads the catalog,
 * maps and renders). The parallel cases carry the parallel / serial ratio. Auto starts no
 * render worker on 2 cores, so where the schema is large enough for one, a third case sets one.
 */
export async function pipelineSuite(): Promise<CaseResult[]> {
  const profiles = defaultProfiles();
  const results: CaseResult[] = [];
  await forEachWorkload(STAGE_WORKLOADS, async ({ label, url, snapshot }) => {
    let serialMs = 0;
    const modes: [string, typeof profiles.production][] = [
      ['serial (development profile)', profiles.development],
      ['parallel (production profile)', profiles.production],
    ];
    // Where a worker would be used if auto started one: what one worker does on this machine.
    if (snapshot.tables.length >= profiles.production.parallelMinModels) modes.push(['parallel, one render worker (production profile, renderWorkers 1)', { ...profiles.production, renderWorkers: 1 }]);
    for (const [mode, profile] of modes) {
      const dirs: string[] = [];
      // Asserted, not annotated: TypeScript would otherwise narrow it to undefined after the closure.
      let run = undefined as GenerateResult | undefined;
      const result = await measure(
        `generate ${label}, ${mode}`,
        async () => {
          const dir = scratchDir('pipeline');
          dirs.push(dir);
          run = await generate({ source: { kind: 'database', url }, outputDir: dir, profile, cacheDir: null });
        },
        { minSamples: 10 },
      );
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      if (!run) throw new Error(`generate ${label} never ran`);
      if (!profile.parallel) serialMs = result.medianMs;
      const extra: Record<string, number | string> = { models: run.models, files: run.files.created.length, fileWrites: run.files.fileWrites, roundTrips: run.roundTrips };
      for (const stage of ['introspect', 'map', 'render', 'write'] as const) extra[`${stage}Ms`] = run.timingsMs[stage];
      if (profile.parallel && serialMs > 0) extra.parallelOverSerial = round(result.medianMs / serialMs, 3);
      results.push({ ...result, extra });
      console.error(`${result.name}: median ${result.medianMs} ms, ${run.models} models, ${run.files.fileWrites} file writes${extra.parallelOverSerial ? `, parallel / serial ${extra.parallelOverSerial}` : ''}`);
    }
  });
  return results;
}
