import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { describeRun, TempWorkspace } from './support/workspace.js';

describe('bad input fails clearly and writes nothing', () => {
  let ws: TempWorkspace;
  let before: Map<string, string>;

  beforeAll(() => {
    ws = TempWorkspace.create({ plugins: ['@rr/models'] });
    ws.addModelsProject('blog', 'blog', 'blog');
    ws.addModelsProject('broken', 'broken', 'shop');
    ws.writeJson('libs/app/project.json', { name: 'app', projectType: 'application', targets: {} });
    ws.write('libs/app/src/main.ts', 'export {};\n');
  });

  afterAll(() => ws?.dispose());

  describe('a malformed rr.config.json', () => {
    const valid = { source: { sqlFile: 'db/structure.sql' }, snapshot: 'rr.schema.json', outputDir: 'src/generated' };

    // Read when Nx builds the project graph: every nx command fails and names the file and key.
    it.each([
      ['outputDir', { ...valid, outputDir: 42 }, /must be a path relative to the project/],
      ['outputDir', { ...valid, outputDir: '../x' }, /"\.\.\/x" points outside the project/],
      ['schemas', { ...valid, schemas: 'public' }, /must be a non-empty list of schema names/],
      ['source.mysql', { ...valid, source: { mysql: 'db.sql' } }, /unknown source/],
    ])('(%s) stops the project graph, names the file and key', async (key, config, message) => {
      ws.writeJson('broken/rr.config.json', config);
      before = ws.tree();

      const run = await ws.nx(['run-many', '-t', 'rrgen', '--output-style=static']);

      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.output).toContain(`broken/rr.config.json (${key}):`);
      expect(run.output).toMatch(message);
      expect(ws.tree()).toEqual(before);
    });

    it('(an unknown key) fails the rrgen task, names the file and key and suggests the right one', async () => {
      ws.writeJson('broken/rr.config.json', { ...valid, outDir: 'gen' });
      before = ws.tree();

      const run = await ws.nx(['run', 'broken:rrgen', '--output-style=static']);

      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.output).toContain('broken/rr.config.json (outDir): unknown key (did you mean "outputDir"?)');
      expect(ws.tree()).toEqual(before);
    });

    it('(an unknown mapper key) fails the rrgen task, names the file and the mapper key and suggests the right one', async () => {
      ws.writeJson('broken/rr.config.json', { ...valid, mapper: { relationships: { source: 'both' } } });
      before = ws.tree();

      const run = await ws.nx(['run', 'broken:rrgen', '--output-style=static']);

      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.output).toContain('broken/rr.config.json (mapper.relationships.source): unknown key (did you mean "sources"?)');
      expect(run.output).not.toMatch(/\n\s+at /);
      expect(ws.tree()).toEqual(before);
    });

    it('(not JSON at all) stops the project graph and writes nothing', async () => {
      ws.write('broken/rr.config.json', '{ "source": { "sqlFile": "db/structure.sql" }, ');
      before = ws.tree();

      const run = await ws.nx(['run-many', '-t', 'rrgen', '--output-style=static']);

      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.output).toMatch(/JSON/);
      expect(ws.tree()).toEqual(before);
    });

    it('(not JSON at all) names the file', async () => {
      ws.write('broken/rr.config.json', '{ "source": { "sqlFile": "db/structure.sql" }, ');

      const run = await ws.nx(['run-many', '-t', 'rrgen', '--output-style=static']);

      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.output).toContain('broken/rr.config.json');
    });
  });

  describe('nx g @rr/models:generate', () => {
    beforeEach(() => {
      ws.writeJson('broken/rr.config.json', { source: { sqlFile: 'db/structure.sql' } });
      before = ws.tree();
    });

    it('refuses the name of an existing project that is not a models project', async () => {
      const run = await ws.nx(['g', '@rr/models:generate', 'app', '--snapshot', 'blog/rr.schema.json', '--no-interactive']);

      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.output).toContain('a project named "app" already exists at libs/app and is not a models project (no rr.config.json); choose another name.');
      expect(ws.tree()).toEqual(before);
    });

    it('refuses an outputDir outside the project', async () => {
      const run = await ws.nx(['g', '@rr/models:generate', 'outside', '--snapshot', 'blog/rr.schema.json', '--outputDir', '../x', '--no-interactive']);

      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.output).toContain('outside/rr.config.json (outputDir): "../x" points outside the project');
      expect(ws.tree()).toEqual(before);
    });

    it('refuses a directory outside the workspace', async () => {
      const run = await ws.nx(['g', '@rr/models:generate', 'escape', '--directory', '../escape', '--snapshot', 'blog/rr.schema.json', '--no-interactive']);

      expect(run.code, describeRun(run)).not.toBe(0);
      expect(run.output).toContain('--directory "../escape" must be inside the workspace.');
      expect(ws.tree()).toEqual(before);
    });
  });
});
