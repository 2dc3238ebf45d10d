import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFiles, type WritableFile } from '@rr/writer';
import { measure, peakHeapOf, round, type CaseResult } from './measure.js';

/** 2,000 files of a typical generated model's size, spread over a few directories. */
function renderedFiles(count: number): WritableFile[] {
  const files: WritableFile[] = [];
  for (let i = 0; i < count; i++) {
    const name = `model_${String(i).padStart(5, '0')}`;
    const body = `export const ${name} = {\n${'  field: "value",\n'.repeat(80)}};\n`;
    files.push({ path: `models/${String(i % 20).padStart(2, '0')}/${name}.ts`, contents: body, generated: true });
  }
  return files;
}

/** Writing into a cold directory once, then the run with nothing changed (the common case). */
export async function writerSuite(): Promise<CaseResult[]> {
  const files = renderedFiles(2000);
  const results: CaseResult[] = [];

  const coldDirs: string[] = [];
  let coldWrites = 0;
  const cold = await measure(
    'write 2,000 files into a cold directory',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rr-bench-writer-'));
      coldDirs.push(dir);
      coldWrites = (await writeFiles(dir, files)).fileWrites;
    },
    { minSamples: 5, maxTime: 10 },
  );
  for (const dir of coldDirs) rmSync(dir, { recursive: true, force: true });
  results.push({ ...cold, extra: { fileWrites: coldWrites } });

  const dir = mkdtempSync(join(tmpdir(), 'rr-bench-writer-'));
  await writeFiles(dir, files);
  let writes = -1;
  const warm = await measure('write 2,000 unchanged files again', async () => {
    writes = (await writeFiles(dir, files)).fileWrites;
  });
  results.push({ ...warm, extra: { fileWrites: writes } });
  const heap = await peakHeapOf(() => writeFiles(dir, files));
  rmSync(dir, { recursive: true, force: true });
  for (const r of results) console.error(`${r.name}: median ${r.medianMs} ms, ${r.extra?.fileWrites} file writes`);
  console.error(`peak heap of an unchanged run: +${round(heap)} MiB`);
  return results;
}
