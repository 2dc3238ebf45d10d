/**
 * What the installed `rrgen` loads, read from module hooks in its own process: the bundles are
 * split so that a run loads only the code its work needs (docs/performance.md, Start-up).
 * Each bundle chunk is recognised by the packages esbuild names in it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runRrgen } from './support/rrgen.js';
import { EXAMPLES } from './support/workspace.js';

const REGISTER = pathToFileURL(join(import.meta.dirname, 'support', 'load-recorder', 'register.mjs')).href;

/** Where each package's code starts in an unminified esbuild bundle. */
const MARKERS = { pg: '/node_modules/pg/lib/', handlebars: '/node_modules/handlebars/' } as const;

describe('the modules a run of rrgen loads', () => {
  let work: string;
  let runs = 0;

  /** Runs rrgen generate from the blog's snapshot into `work/out` and says which packages' code it loaded. */
  const generate = async (): Promise<{ readonly summary: { readonly runRecord: string; readonly renders: number }; readonly loaded: ReadonlySet<keyof typeof MARKERS> }> => {
    const loadsFile = join(work, `loads-${++runs}.txt`);
    const args = ['generate', '--snapshot', join(EXAMPLES, 'blog', 'rr.schema.json'), '--out', join(work, 'out'), '--json'];
    const run = await runRrgen(args, { env: { CACHE_DIR: join(work, 'cache'), NODE_OPTIONS: `--import=${REGISTER}`, RR_E2E_LOADS_FILE: loadsFile } });
    expect(run.code, run.stderr).toBe(0);
    const files = readFileSync(loadsFile, 'utf8').split('\n').filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
    expect(files.some((file) => file.endsWith(join('dist', 'bundle', 'rrgen.js'))), `rrgen ran from its bundle: ${files.join(', ')}`).toBe(true);
    const loaded = new Set<keyof typeof MARKERS>();
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      for (const [name, marker] of Object.entries(MARKERS) as [keyof typeof MARKERS, string][]) if (code.includes(marker)) loaded.add(name);
    }
    return { summary: JSON.parse(run.stdout), loaded };
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'rr-e2e-loading-'));
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('from a snapshot: renders with Handlebars and never loads pg', async () => {
    const { summary, loaded } = await generate();
    expect(summary).toMatchObject({ runRecord: 'miss' });
    expect(summary.renders).toBeGreaterThan(0);
    expect([...loaded]).toEqual(['handlebars']);
  });

  it('answered by the run record: loads neither Handlebars nor pg', async () => {
    const { summary, loaded } = await generate();
    expect(summary).toMatchObject({ runRecord: 'hit', renders: 0 });
    expect([...loaded]).toEqual([]);
  });
});
