import { execFileSync } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeRun, taskLines, TempWorkspace } from './support/workspace.js';

interface Snapshot {
  meta: { source: { kind: string; description: string }; serverVersion: string };
  tables: { name: string; columns: { name: string; position: number; nullable: boolean; default: unknown; type: { name: string } }[] }[];
}

/** Edits a committed snapshot the way a hand edit (or a partial rr-snapshot) would. */
function editSnapshot(ws: TempWorkspace, file: string, edit: (snapshot: Snapshot) => void): void {
  const snapshot = ws.readJson<Snapshot>(file);
  edit(snapshot);
  ws.writeJson(file, snapshot);
}

function addTextColumn(snapshot: Snapshot, table: string, column: string): void {
  const columns = snapshot.tables.find((t) => t.name === table)?.columns;
  const text = columns?.find((c) => c.type.name === 'text');
  if (!columns || !text) throw new Error(`the snapshot has no table ${table} with a text column to copy`);
  columns.push({ ...structuredClone(text), name: column, position: columns.length + 1, nullable: true, default: null });
}

function git(ws: TempWorkspace, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=rr e2e', '-c', 'user.email=e2e@rr.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: ws.root, stdio: 'pipe' });
}

describe('rrgen caching and nx affected over two models projects', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = TempWorkspace.create({ plugins: ['@rr/models'] });
    ws.addModelsProject('blog', 'blog', 'blog');
    ws.addModelsProject('shop', 'shop', 'shop');
  });

  afterAll(() => ws?.dispose());

  it('renders both projects on the first run-many', async () => {
    const run = await ws.nx(['run-many', '-t', 'rrgen', '--output-style=static']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/Successfully ran target rrgen for 2 projects/);
    expect(run.output).toMatch(/Cache:\s+0\/2 hit/);
    expect([...taskLines(run.output, 'rrgen')]).toEqual(expect.arrayContaining([['blog', { cached: false }], ['shop', { cached: false }]]));
    expect(ws.exists('blog/src/generated/schema.ts')).toBe(true);
    expect(ws.exists('shop/src/generated/schema.ts')).toBe(true);
  });

  it('takes every task from the cache on the second run-many', async () => {
    const run = await ws.nx(['run-many', '-t', 'rrgen', '--output-style=static']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/Cache:\s+2\/2 hit \(100%\)/);
    expect(run.output).toMatch(/from the cache instead of running the command for 2 out of 2 tasks/);
    expect(taskLines(run.output, 'rrgen')).toEqual(new Map([['blog', { cached: true }], ['shop', { cached: true }]]));
  });

  it('restores deleted generated code from the cache (the outputs are declared)', async () => {
    const schema = ws.read('shop/src/generated/schema.ts');
    ws.remove('shop/src/generated');

    const run = await ws.nx(['run-many', '-t', 'rrgen', '--output-style=static']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/Cache:\s+2\/2 hit/);
    expect(ws.read('shop/src/generated/schema.ts')).toBe(schema);
  });

  it("keeps the cache when only the snapshot's meta changes (excluded from the hash)", async () => {
    editSnapshot(ws, 'shop/rr.schema.json', (snapshot) => {
      snapshot.meta.serverVersion = '99.9';
      snapshot.meta.source.description = 'taken somewhere else';
    });

    const run = await ws.nx(['run', 'shop:rrgen', '--output-style=static']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(taskLines(run.output, 'rrgen')).toEqual(new Map([['shop', { cached: true }]]));
    expect(run.output).toMatch(/Cache:\s+1\/1 hit/);
  });

  it('nx affected --files=<config> selects only the project whose rr.config.json changed, and misses the cache', async () => {
    ws.writeJson('blog/rr.config.json', { ...ws.readJson<Record<string, unknown>>('blog/rr.config.json'), importExtensions: true });

    const run = await ws.nx(['affected', '-t', 'rrgen', '--files=blog/rr.config.json', '--output-style=static']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(taskLines(run.output, 'rrgen')).toEqual(new Map([['blog', { cached: false }]]));
    expect(run.output).toMatch(/Successfully ran target rrgen for project blog/);
  });

  it('nx affected --base=HEAD (git) selects only the project whose snapshot gained a column, and renders it', async () => {
    git(ws, 'init', '-q', '-b', 'main');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-q', '-m', 'models');
    editSnapshot(ws, 'shop/rr.schema.json', (snapshot) => addTextColumn(snapshot, 'customers', 'favorite_color'));

    const run = await ws.nx(['affected', '-t', 'rrgen', '--base=HEAD', '--output-style=static']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(taskLines(run.output, 'rrgen')).toEqual(new Map([['shop', { cached: false }]]));
    expect(run.output).toMatch(/Successfully ran target rrgen for project shop/);
    expect(ws.read('shop/src/generated/schema.ts')).toMatch(/favoriteColor: string\(\)\.from\("favorite_color"\)/);
    expect(ws.read('blog/src/generated/schema.ts')).not.toContain('favoriteColor');
  });
});
