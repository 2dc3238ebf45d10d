import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { addProjectConfiguration, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parseSnapshot } from '@rr/schema';
import { beforeAll, describe, expect, it } from 'vitest';

import generateGenerator from './generator.js';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
// The committed snapshot of the blog example: the generator reads a --snapshot from the tree, so
// these tests need no database and no embedded one.
const blogSnapshot = readFileSync(join(repoRoot, 'examples/blog/rr.schema.json'), 'utf8');

function treeWithSnapshot(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('schemas/blog.json', blogSnapshot);
  return tree;
}

const written = (tree: Tree): string[] => tree.listChanges().filter((change) => change.type !== 'DELETE').map((change) => change.path).sort();

describe('@rr/models:generate', () => {
  let tree: Tree;
  beforeAll(async () => {
    tree = treeWithSnapshot();
    await generateGenerator(tree, { name: 'blog-models', directory: 'libs/blog', snapshot: 'schemas/blog.json' });
  });

  it('creates the project, its config, the committed snapshot and the generated code, all in the tree', () => {
    const paths = written(tree);
    expect(paths).toEqual(expect.arrayContaining(['libs/blog/project.json', 'libs/blog/rr.config.json', 'libs/blog/rr.schema.json', 'libs/blog/src/generated/schema.ts', 'libs/blog/src/generated/records/post.ts']));
    expect(paths.filter((path) => path.startsWith('libs/blog/src/generated/'))).toHaveLength(20); // 19 modules and the manifest
    expect(JSON.parse(tree.read('libs/blog/project.json', 'utf-8') as string)).toMatchObject({ name: 'blog-models', projectType: 'library', tags: ['rr:models'] });
    expect(parseSnapshot(tree.read('libs/blog/rr.schema.json', 'utf-8') as string, 'rr.schema.json').snapshot.fingerprint).toBe(
      parseSnapshot(blogSnapshot, 'blog.json').snapshot.fingerprint,
    );
  });

  it('refers to RR_DATABASE_URL instead of storing a database URL', () => {
    expect(JSON.parse(tree.read('libs/blog/rr.config.json', 'utf-8') as string)).toEqual({
      source: { databaseUrlEnv: 'RR_DATABASE_URL' },
      snapshot: 'rr.schema.json',
      outputDir: 'src/generated',
    });
  });

  it('registers the plugin in nx.json once', async () => {
    expect(readNxJson(tree)?.plugins).toEqual(['@rr/models']);
    await generateGenerator(tree, { name: 'blog-models', snapshot: 'schemas/blog.json' });
    expect(readNxJson(tree)?.plugins).toEqual(['@rr/models']);
  });

  it('keeps a plugin entry with options as it is', async () => {
    const other = treeWithSnapshot();
    const nxJson = readNxJson(other) ?? {};
    updateNxJson(other, { ...nxJson, plugins: [{ plugin: '@rr/models', options: { targetName: 'models' } }] });
    await generateGenerator(other, { name: 'm', snapshot: 'schemas/blog.json' });
    expect(readNxJson(other)?.plugins).toEqual([{ plugin: '@rr/models', options: { targetName: 'models' } }]);
  });

  it('updates an existing models project in place, keeping its settings', async () => {
    await generateGenerator(tree, { name: 'blog-models', snapshot: 'schemas/blog.json', exclude: 'public.tags,public.taggings' });
    const config = JSON.parse(tree.read('libs/blog/rr.config.json', 'utf-8') as string);
    expect(config).toMatchObject({ source: { databaseUrlEnv: 'RR_DATABASE_URL' }, mapper: { exclude: ['public.tags', 'public.taggings'] } });
    expect(tree.exists('libs/blog/src/generated/records/tag.ts')).toBe(false);
    expect(tree.exists('libs/blog/src/generated/records/post.ts')).toBe(true);
  });

  it('records a .sql source relative to the project', async () => {
    const other = createTreeWithEmptyWorkspace();
    other.write('db/structure.sql', readFileSync(join(repoRoot, 'examples/blog/db/structure.sql'), 'utf8'));
    // The embedded database reads the file from disk, so point the tree at the repository.
    const onDisk = Object.assign(Object.create(Object.getPrototypeOf(other)), other, { root: repoRoot }) as Tree;
    await generateGenerator(onDisk, { name: 'm', directory: 'libs/m', sqlFile: 'examples/blog/db/structure.sql' });
    expect(JSON.parse(onDisk.read('libs/m/rr.config.json', 'utf-8') as string).source).toEqual({ sqlFile: '../../examples/blog/db/structure.sql' });
  }, 60_000);

  it('refuses a name taken by another kind of project, writing nothing', async () => {
    const other = treeWithSnapshot();
    addProjectConfiguration(other, 'web', { root: 'apps/web' });
    const before = written(other);
    await expect(generateGenerator(other, { name: 'web', snapshot: 'schemas/blog.json' })).rejects.toThrow(/"web" already exists at apps\/web and is not a models project/);
    expect(written(other)).toEqual(before);
  });

  it('refuses two sources, a directory outside the workspace and an output directory outside the project', async () => {
    const other = treeWithSnapshot();
    await expect(generateGenerator(other, { name: 'm', snapshot: 'schemas/blog.json', sqlFile: 'x.sql' })).rejects.toThrow(/give one source/);
    await expect(generateGenerator(other, { name: 'm', directory: '../elsewhere', snapshot: 'schemas/blog.json' })).rejects.toThrow(/must be inside the workspace/);
    await expect(generateGenerator(other, { name: 'm', snapshot: 'schemas/blog.json', outputDir: '../x' })).rejects.toThrow(/outputDir.*points outside the project/);
    expect(written(other).filter((path) => path.startsWith('m/'))).toEqual([]);
  });

  it('stores the database URL only when asked', async () => {
    const other = treeWithSnapshot();
    // No database is contacted: the committed snapshot in the project is the fallback source.
    other.write('m/rr.schema.json', blogSnapshot);
    await generateGenerator(other, { name: 'm', databaseUrlEnv: 'APP_DB_URL' });
    expect(JSON.parse(other.read('m/rr.config.json', 'utf-8') as string).source).toEqual({ databaseUrlEnv: 'APP_DB_URL' });
  });
});
