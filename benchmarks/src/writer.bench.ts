import { rmSync } from 'node:fs';
import { mapSchema } from '@rr/mapper';
import { renderModelSet } from '@rr/renderer';
import { writeFiles, type WritableFile } from '@rr/writer';
import { measure, type CaseResult } from './measure.js';
import { forEachWorkload, STAGE_WORKLOADS } from './workloads.js';
import { scratchDir } from './scratch.js';

/**
 * `writeFiles` in process on each workload's rendered files: into an empty directory, then the
 * same files again with nothing changed (the common case). Batch size is the writer's default.
 */
export async function writerSuite(): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  await forEachWorkload(STAGE_WORKLOADS, async ({ label, snapshot }) => {
    const rendered = renderModelSet(mapSchema(snapshot)).files;
    const files: WritableFile[] = rendered.map((f) => ({ path: f.path, contents: f.contents, generated: true }));
    const bytes = rendered.reduce((sum, f) => sum + Buffer.byteLength(f.contents), 0);

    const coldDirs: string[] = [];
    let coldWrites = 0;
    const cold = await measure(
      `write ${label} into an empty directory`,
      async () => {
        const dir = scratchDir('writer');
        coldDirs.push(dir);
        coldWrites = (await writeFiles(dir, files)).fileWrites;
      },
      { minSamples: 5, maxTime: 5 },
    );
    for (const dir of coldDirs) rmSync(dir, { recursive: true, force: true });
    results.push({ ...cold, extra: { files: files.length, bytes, fileWrites: coldWrites } });

    const dir = scratchDir('writer');
    await writeFiles(dir, files);
    let writes = -1;
    const warm = await measure(`write ${label} again, unchanged`, async () => {
      writes = (await writeFiles(dir, files)).fileWrites;
    });
    rmSync(dir, { recursive: true, force: true });
    if (writes !== 0) throw new Error(`an unchanged rewrite of ${label} wrote ${writes} files; it must write none`);
    results.push({ ...warm, extra: { files: files.length, bytes, fileWrites: writes } });
    for (const r of results.slice(-2)) console.error(`${r.name}: median ${r.medianMs} ms, ${r.extra?.fileWrites} file writes`);
  });
  return results;
}
