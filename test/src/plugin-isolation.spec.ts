import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeRun, TempWorkspace } from './support/workspace.js';

const PROJECTS = ['alpha', 'bravo'];

/**
 * Preloaded into every process nx starts: a plugin worker (Nx's `plugin-worker.js`, whose third
 * argument is the plugin's name) writes that name to the log, so a run shows which plugins Nx
 * loaded in workers of their own.
 */
const PROBE = `
const { appendFileSync } = require('node:fs');
const log = process.env.RR_E2E_WORKER_LOG;
if (log && /plugin-worker\\.js$/.test(process.argv[1] ?? '')) appendFileSync(log, process.argv[3] + '\\n');
`;

describe('Nx plugin isolation off (NX_ISOLATE_PLUGINS=false in the workspace .env, docs/performance.md)', () => {
  let ws: TempWorkspace;
  let probe: string;

  beforeAll(() => {
    ws = TempWorkspace.create({ plugins: ['@rr/models'] });
    PROJECTS.forEach((name, i) => ws.addModelsProject(name, `models/${name}`, i % 2 === 0 ? 'blog' : 'shop'));
    probe = join(ws.base, 'worker-probe.cjs');
    writeFileSync(probe, PROBE);
  });

  afterAll(() => ws?.dispose());

  /** Runs rrgen for every project from no generated code; returns the plugins loaded in workers and the generated files. */
  async function generateAll(): Promise<{ readonly workers: string[]; readonly generated: Map<string, string> }> {
    const log = join(ws.base, 'workers.log');
    writeFileSync(log, '');
    for (const name of PROJECTS) ws.remove(`models/${name}/src/generated`);
    const run = await ws.nx(['run-many', '-t', 'rrgen', '--parallel=2', '--skip-nx-cache', '--output-style=static'], {
      env: { NODE_OPTIONS: `--require ${probe}`, RR_E2E_WORKER_LOG: log },
    });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/Successfully ran target rrgen for 2 projects/);
    const workers = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].sort();
    const generated = new Map([...ws.tree()].filter(([file]) => file.includes('/src/generated/')));
    return { workers, generated };
  }

  it('loads rr’s plugin in Nx’s own process and generates the same bytes as with isolation', async () => {
    ws.remove('.env');
    const isolated = await generateAll();
    // The probe sees Nx's default: rr's plugin in a worker of its own.
    expect(isolated.workers, 'no process ran as plugin-worker.js for @rr/models: has Nx renamed its plugin worker?').toContain('@rr/models');

    ws.write('.env', 'NX_ISOLATE_PLUGINS=false\n');
    const inProcess = await generateAll();
    expect(inProcess.workers).toEqual([]);
    expect(inProcess.generated.size).toBeGreaterThan(PROJECTS.length);
    expect(inProcess.generated).toEqual(isolated.generated);
  });
});
