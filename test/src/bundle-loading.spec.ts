/**
 * What the installed `rrgen` runs: its CLI is one CommonJS bundle, run from V8's code cache
 * (docs/performance.md, Start-up), in which each module's code runs only when something first
 * needs it, so that a run runs only the code its work needs. Read from V8's coverage of the
 * process (NODE_V8_COVERAGE): esbuild names the function that sets up each bundled module after
 * the module's path, and a module whose function never ran did not run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runRrgen } from './support/rrgen.js';
import { EXAMPLES, REPO_ROOT } from './support/workspace.js';

const BUNDLE_URL = pathToFileURL(join(REPO_ROOT, 'packages', 'models', 'dist', 'bundle', 'rrgen.cjs')).href;

/**
 * Where each package's modules are, in the paths esbuild names them by; and the module that
 * starts render workers, which loads node:worker_threads and belongs only to a run that starts one.
 */
const MARKERS = { pg: '/node_modules/pg/', handlebars: '/node_modules/handlebars/', 'render worker': '/pipeline/workers/render-in-worker.js' } as const;

interface Coverage {
  readonly result: readonly { readonly url: string; readonly functions: readonly { readonly functionName: string; readonly ranges: readonly { readonly count: number }[] }[] }[];
}

/** The bundled modules whose code ran, by the paths esbuild names them by. */
function modulesRun(coverageDir: string): readonly string[] {
  const ran: string[] = [];
  for (const file of readdirSync(coverageDir)) {
    const coverage = JSON.parse(readFileSync(join(coverageDir, file), 'utf8')) as Coverage;
    for (const script of coverage.result) {
      if (script.url !== BUNDLE_URL) continue;
      for (const fn of script.functions) if (fn.functionName.includes('/') && (fn.ranges[0]?.count ?? 0) > 0) ran.push(fn.functionName);
    }
  }
  return ran;
}

describe('the code a run of rrgen runs', () => {
  let work: string;
  let runs = 0;

  /** Runs rrgen generate from the blog's snapshot into `work/out` and says which packages' code ran. */
  const generate = async () => {
    const coverageDir = join(work, `coverage-${++runs}`);
    const args = ['generate', '--snapshot', join(EXAMPLES, 'blog', 'rr.schema.json'), '--out', join(work, 'out'), '--json'];
    const run = await runRrgen(args, { env: { CACHE_DIR: join(work, 'cache'), NODE_V8_COVERAGE: coverageDir } });
    expect(run.code, run.stderr).toBe(0);
    const modules = modulesRun(coverageDir);
    expect(modules.length, `rrgen ran from ${BUNDLE_URL}`).toBeGreaterThan(0);
    const ran = (Object.entries(MARKERS) as [keyof typeof MARKERS, string][]).filter(([, marker]) => modules.some((path) => path.includes(marker))).map(([name]) => name);
    return { summary: JSON.parse(run.stdout) as { readonly runRecord: string; readonly renders: number; readonly codeCache: string }, ran };
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'rr-e2e-loading-'));
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('from a snapshot: renders with Handlebars, never runs pg or the render worker\'s module, and compiles from the code cache', async () => {
    const { summary, ran } = await generate();
    expect(summary).toMatchObject({ runRecord: 'miss', codeCache: 'hit' });
    expect(summary.renders).toBeGreaterThan(0);
    expect(ran).toEqual(['handlebars']);
  });

  it('answered by the run record: runs neither Handlebars nor pg', async () => {
    const { summary, ran } = await generate();
    expect(summary).toMatchObject({ runRecord: 'hit', renders: 0, codeCache: 'hit' });
    expect(ran).toEqual([]);
  });
});
