import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeRun, taskLines, TempWorkspace } from './support/workspace.js';

/**
 * In rr's own repository the stages are workspace projects listed in the plugin option
 * `rrProjects`: their production files belong in every rrgen hash. A stand-in stage project shows
 * that editing one invalidates rrgen, while editing its specs does not.
 */
describe('rrProjects: editing a stage invalidates rrgen', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = TempWorkspace.create({
      plugins: [{ plugin: '@rr/models', options: { rrProjects: ['stage'] } }],
      // rrProjects hashes the stages' `production` input: the workspace must define it.
      namedInputs: { default: ['{projectRoot}/**/*'], production: ['default', '!{projectRoot}/**/*.spec.ts'] },
    });
    ws.writeJson('stage/project.json', { name: 'stage', projectType: 'library', targets: {} });
    ws.write('stage/src/index.ts', 'export const stage = 1;\n');
    ws.addModelsProject('blog', 'blog', 'blog');
  });

  afterAll(() => ws?.dispose());

  const rrgen = async (): Promise<boolean> => {
    const run = await ws.nx(['run', 'blog:rrgen', '--output-style=static']);
    expect(run.code, describeRun(run)).toBe(0);
    const task = taskLines(run.output, 'rrgen').get('blog');
    expect(task, describeRun(run)).toBeDefined();
    return task?.cached ?? false;
  };

  it('renders, then hits the cache', async () => {
    expect(await rrgen()).toBe(false);
    expect(await rrgen()).toBe(true);
  });

  it('misses the cache after a stage source file changes', async () => {
    ws.write('stage/src/index.ts', 'export const stage = 2;\n');
    expect(await rrgen()).toBe(false);
    expect(await rrgen()).toBe(true);
  });

  it("keeps the cache when only a stage's spec changes (not production)", async () => {
    ws.write('stage/src/index.spec.ts', 'export {};\n');
    expect(await rrgen()).toBe(true);
  });
});
