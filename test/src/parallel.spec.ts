import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeRun, taskLines, TempWorkspace } from './support/workspace.js';

const PROJECTS = ['alpha', 'bravo', 'charlie', 'delta'];

/**
 * Preloaded (NODE_OPTIONS=--require) into every process nx starts. Nx sets NX_TASK_TARGET_* only
 * in a task's own process, so the log holds one start and one exit line per task, stamped by the
 * task process itself: a signal that does not depend on how Nx interleaves its printed output.
 */
const PROBE = `
const { appendFileSync } = require('node:fs');
const log = process.env.RR_E2E_TASK_LOG;
const project = process.env.NX_TASK_TARGET_PROJECT;
if (log && project && process.env.NX_TASK_TARGET_TARGET === 'rrgen') {
  appendFileSync(log, JSON.stringify({ project, event: 'start', at: Date.now(), pid: process.pid }) + '\\n');
  process.on('exit', (code) => appendFileSync(log, JSON.stringify({ project, event: 'exit', at: Date.now(), pid: process.pid, code }) + '\\n'));
}
`;

interface TaskEvent {
  readonly project: string;
  readonly event: 'start' | 'exit';
  readonly at: number;
  readonly pid: number;
  readonly code?: number;
}

/** The most task processes alive at one time, from their start and exit stamps. */
function maxConcurrency(events: readonly TaskEvent[]): number {
  let running = 0;
  let max = 0;
  // At equal times count exits first, so that back-to-back tasks are not taken for overlapping ones.
  const ordered = [...events].sort((a, b) => a.at - b.at || (a.event === 'exit' ? -1 : 1));
  for (const event of ordered) {
    running += event.event === 'start' ? 1 : -1;
    max = Math.max(max, running);
  }
  return max;
}

describe('nx run-many -t rrgen --parallel over four projects', () => {
  let ws: TempWorkspace;
  let probe: string;

  beforeAll(() => {
    ws = TempWorkspace.create({ plugins: ['@rr/models'] });
    PROJECTS.forEach((name, i) => ws.addModelsProject(name, `models/${name}`, i % 2 === 0 ? 'blog' : 'shop'));
    probe = join(ws.base, 'task-probe.cjs');
    writeFileSync(probe, PROBE);
  });

  afterAll(() => ws?.dispose());

  async function runWithParallel(parallel: number): Promise<TaskEvent[]> {
    const log = join(ws.base, `tasks-${parallel}.jsonl`);
    writeFileSync(log, '');
    const run = await ws.nx(['run-many', '-t', 'rrgen', `--parallel=${parallel}`, '--skip-nx-cache', '--output-style=static'], {
      env: { NODE_OPTIONS: `--require ${probe}`, RR_E2E_TASK_LOG: log },
    });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/Successfully ran target rrgen for 4 projects/);
    expect([...taskLines(run.output, 'rrgen').keys()].sort()).toEqual(PROJECTS);
    const events = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TaskEvent);
    // Each project ran once, in a process of its own, and finished successfully.
    for (const project of PROJECTS) {
      const own = events.filter((e) => e.project === project);
      expect(own.map((e) => e.event), project).toEqual(['start', 'exit']);
      expect(own[1]?.code, project).toBe(0);
    }
    return events;
  }

  it('--parallel=2 runs two tasks side by side, never more', async () => {
    const events = await runWithParallel(2);

    expect(maxConcurrency(events)).toBe(2);
    for (const name of PROJECTS) expect(ws.exists(`models/${name}/src/generated/schema.ts`), name).toBe(true);
  });

  it('--parallel=1 runs them one after another (the same probe tells the two apart)', async () => {
    const events = await runWithParallel(1);

    expect(maxConcurrency(events)).toBe(1);
  });
});
