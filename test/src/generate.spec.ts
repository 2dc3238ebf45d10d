import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { postgresReachable, SECRET, TempDatabase } from './support/database.js';
import { describeRun, TempWorkspace } from './support/workspace.js';

const pluginEntries = (ws: TempWorkspace): unknown[] =>
  (ws.readJson<{ plugins?: unknown[] }>('nx.json').plugins ?? []).filter((p) => (typeof p === 'string' ? p : (p as { plugin: string }).plugin) === '@rr/models');

const reachable = await postgresReachable();

describe.skipIf(!reachable)('nx g @rr/models:generate from a live database', () => {
  let ws: TempWorkspace;
  let db: TempDatabase;

  beforeAll(async () => {
    ws = TempWorkspace.create();
    db = await TempDatabase.create();
    await db.exec(`
      create table users (
        id bigint generated always as identity primary key,
        email text not null,
        display_name text,
        created_at timestamptz not null default now()
      );
      create table posts (
        id bigint generated always as identity primary key,
        user_id bigint not null references users (id),
        title text not null,
        published boolean not null default false
      );`);
  });

  afterAll(async () => {
    ws?.dispose();
    await db?.drop();
  });

  it('creates the project, refers to the URL through RR_DATABASE_URL and registers the plugin in nx.json', async () => {
    expect(pluginEntries(ws)).toEqual([]);

    const run = await ws.nx(['g', '@rr/models:generate', 'catalog', '--directory', 'libs/catalog', '--databaseUrl', db.url(SECRET), '--no-interactive']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/^CREATE libs\/catalog\/rr\.config\.json$/m);
    expect(ws.readJson('libs/catalog/rr.config.json')).toEqual({ source: { databaseUrlEnv: 'RR_DATABASE_URL' }, snapshot: 'rr.schema.json', outputDir: 'src/generated' });
    expect(ws.readJson('libs/catalog/project.json')).toMatchObject({ name: 'catalog', tags: ['rr:models'] });
    const snapshot = ws.readJson<{ tables: { name: string }[] }>('libs/catalog/rr.schema.json');
    expect(snapshot.tables.map((t) => t.name).sort()).toEqual(['posts', 'users']);
    const schema = ws.read('libs/catalog/src/generated/schema.ts');
    expect(schema).toContain('displayName');
    expect(schema).toContain('createdAt');
    expect(ws.exists('libs/catalog/src/generated/models/user.ts')).toBe(true);
    expect(ws.exists('libs/catalog/src/generated/models/post.ts')).toBe(true);
    expect(pluginEntries(ws)).toEqual(['@rr/models']);
  });

  it('leaves the password out of its output and of every file (workspace, Nx cache and workspace data)', async () => {
    const run = await ws.nx(['g', '@rr/models:generate', 'catalog', '--directory', 'libs/catalog', '--databaseUrl', db.url(SECRET), '--no-interactive', '--verbose']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).not.toContain(SECRET);
    expect(ws.filesContaining(SECRET)).toEqual([]);
    // The database name is a fair thing to find; the password is not.
    expect(ws.read('libs/catalog/rr.config.json')).not.toContain('postgres://');
  });

  it('fails without the password when the database cannot be reached', async () => {
    const before = ws.tree();
    const missing = new URL(db.url(SECRET));
    missing.pathname = '/rr_e2e_missing_database';

    const run = await ws.nx(['g', '@rr/models:generate', 'other', '--directory', 'libs/other', '--databaseUrl', missing.toString(), '--no-interactive', '--verbose']);

    expect(run.code, describeRun(run)).not.toBe(0);
    expect(run.output).toContain('rr_e2e_missing_database');
    expect(run.output).toMatch(/does not exist/);
    expect(run.output).not.toContain(SECRET);
    expect(ws.tree()).toEqual(before);
  });
});

describe('nx g @rr/models:generate from a .sql file', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = TempWorkspace.create({ plugins: ['@rr/models'] });
    ws.copyFromRepo('examples/blog/db/structure.sql', 'apps/blog/db/structure.sql');
  });

  afterAll(() => ws?.dispose());

  it('introspects the file through the embedded database and stores its path relative to the project', async () => {
    const run = await ws.nx(['g', '@rr/models:generate', 'blog-models', '--directory', 'apps/blog', '--sqlFile', 'apps/blog/db/structure.sql', '--no-interactive']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(ws.readJson('apps/blog/rr.config.json')).toEqual({ source: { sqlFile: 'db/structure.sql' }, snapshot: 'rr.schema.json', outputDir: 'src/generated' });
    const snapshot = ws.readJson<{ tables: { name: string }[] }>('apps/blog/rr.schema.json');
    // The snapshot keeps every table (Rails' own included); the mapper leaves those out of the models.
    expect(snapshot.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['accounts', 'attachments', 'comments', 'posts', 'taggings', 'tags', 'users', 'schema_migrations']));
    for (const model of ['account', 'attachment', 'comment', 'post', 'tag', 'tagging', 'user']) {
      expect(ws.exists(`apps/blog/src/generated/models/${model}.ts`), model).toBe(true);
    }
    expect(ws.exists('apps/blog/src/generated/models/schema-migration.ts')).toBe(false);
    // Already registered: not added twice.
    expect(pluginEntries(ws)).toEqual(['@rr/models']);
  });

  it('writes what the rrgen target writes: rendering from the committed snapshot changes nothing', async () => {
    const run = await ws.nx(['run', 'blog-models:rrgen', '--output-style=static']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toContain('> rrgen generate --snapshot=apps/blog/rr.schema.json --config=apps/blog/rr.config.json --out=apps/blog/src/generated');
    expect(run.output).toMatch(/wrote apps\/blog\/src\/generated: 7 models from 9 tables, \d+ relationships; files 0 created, 0 updated, \d+ unchanged, 0 deleted, 0 skipped/);
  });

  it('hands --args to rrgen: --args=--verbose prints the stages (Nx keeps --verbose for itself)', async () => {
    const run = await ws.nx(['run', 'blog-models:rrgen', '--args=--verbose', '--skip-nx-cache', '--output-style=static']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/stages:\n\s+run-record:/);
  });

  it('passes --check through to rrgen: up to date passes; a missing file fails, is named, and is not written', async () => {
    const upToDate = await ws.nx(['run', 'blog-models:rrgen', '--check', '--skip-nx-cache', '--output-style=static']);
    expect(upToDate.code, describeRun(upToDate)).toBe(0);
    expect(upToDate.output).toMatch(/up to date apps\/blog\/src\/generated: 7 models/);

    ws.remove('apps/blog/src/generated/models/user.ts');
    const outOfDate = await ws.nx(['run', 'blog-models:rrgen', '--check', '--skip-nx-cache', '--output-style=static']);
    expect(outOfDate.code, describeRun(outOfDate)).not.toBe(0);
    expect(outOfDate.output).toContain('would create models/user.ts');
    expect(ws.exists('apps/blog/src/generated/models/user.ts')).toBe(false);
  });

  it('the @rr/models:rrgen executor, in a target written by hand, renders the same files', async () => {
    const project = ws.readJson<Record<string, unknown>>('apps/blog/project.json');
    ws.writeJson('apps/blog/project.json', { ...project, targets: { render: { executor: '@rr/models:rrgen', options: { config: '{projectRoot}/rr.config.json' } } } });

    const run = await ws.nx(['run', 'blog-models:render', '--output-style=static']);

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/blog-models: 7 models; files 1 created, 0 updated, \d+ unchanged, 0 deleted, 0 skipped/);
    expect(ws.exists('apps/blog/src/generated/models/user.ts')).toBe(true);
  });
});

describe('nx g @rr/models:generate --dry-run', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = TempWorkspace.create();
    ws.copyFromRepo('examples/shop/db/structure.sql', 'apps/shop/db/structure.sql');
  });

  afterAll(() => ws?.dispose());

  it('lists the files it would create, and nx.json it would update, yet writes nothing', async () => {
    const before = ws.tree();

    const run = await ws.nx(['g', '@rr/models:generate', 'shop-models', '--directory', 'apps/shop', '--sqlFile', 'apps/shop/db/structure.sql', '--dry-run', '--no-interactive']);

    expect(run.code, describeRun(run)).toBe(0);
    for (const file of ['project.json', 'rr.config.json', 'rr.schema.json', 'src/generated/schema.ts', 'src/generated/index.ts']) {
      expect(run.output).toMatch(new RegExp(`^CREATE apps/shop/${file.replace(/\./g, '\\.')}$`, 'm'));
    }
    expect(run.output).toMatch(/^UPDATE nx\.json$/m);
    expect(run.output).toMatch(/dryRun.*no changes were made/i);
    expect(ws.tree()).toEqual(before);
    expect(pluginEntries(ws)).toEqual([]);
  });
});
