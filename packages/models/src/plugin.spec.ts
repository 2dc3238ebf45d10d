import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CreateNodesContext } from '@nx/devkit';
import { afterAll, describe, expect, it } from 'vitest';

import { createNodes, createNodesV2 } from './plugin.js';

const workspace = mkdtempSync(join(tmpdir(), 'rr-plugin-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function project(root: string, config: object): string {
  mkdirSync(join(workspace, root), { recursive: true });
  writeFileSync(join(workspace, root, 'rr.config.json'), JSON.stringify(config));
  return `${root}/rr.config.json`;
}

const context = { workspaceRoot: workspace, nxJsonConfiguration: { namedInputs: { production: ['default'] } } } as unknown as CreateNodesContext;

async function targetsOf(files: string[], options?: object, nxContext: CreateNodesContext = context) {
  const [, create] = createNodes;
  const results = await create(files, options, nxContext);
  return results.map(([file, result]) => [file, Object.values(result.projects ?? {})[0]] as const);
}

describe('createNodes', () => {
  it('matches every rr.config.json and is also exported as createNodesV2', () => {
    expect(createNodes[0]).toBe('**/rr.config.json');
    expect(createNodesV2).toBe(createNodes);
  });

  it('gives each models project rrgen (cached, hashed on config, snapshot without meta, templates), rr-snapshot and rr-check', async () => {
    const file = project('libs/shop', { outputDir: 'generated', templatesDir: 'rr-templates' });
    const [[, node]] = (await targetsOf([file])) as [readonly [string, { root: string; targets: Record<string, Record<string, unknown>> }]];
    expect(node.root).toBe('libs/shop');
    expect(Object.keys(node.targets)).toEqual(['rrgen', 'rr-snapshot', 'rr-check']);
    expect(node.targets.rrgen).toMatchObject({
      executor: 'nx:run-commands',
      options: { command: 'rrgen generate --snapshot=libs/shop/rr.schema.json --config=libs/shop/rr.config.json --out=libs/shop/generated' },
      cache: true,
      inputs: [
        '{projectRoot}/rr.config.json',
        { json: '{projectRoot}/rr.schema.json', excludeFields: ['meta'] },
        '{projectRoot}/rr-templates/**/*',
        { externalDependencies: ['@rr/models'] },
      ],
      outputs: ['{projectRoot}/generated'],
    });
    expect(node.targets['rr-snapshot']).toMatchObject({ executor: '@rr/models:snapshot', cache: false });
    expect(node.targets['rr-check']).toMatchObject({ executor: '@rr/models:check', cache: false });
  });

  it('falls back to the executor where the shell cannot be given a path: cmd.exe and a % in outputDir', async () => {
    const file = project('libs/percent', { outputDir: 'gen%rated' });
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      const [[, node]] = (await targetsOf([file])) as [readonly [string, { targets: Record<string, Record<string, unknown>> }]];
      expect(node.targets.rrgen).toMatchObject({ executor: '@rr/models:rrgen', options: { config: '{projectRoot}/rr.config.json' }, outputs: ['{projectRoot}/gen%rated'] });
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });

  it('hashes and builds rr workspace projects when they are listed, and renames targets on request', async () => {
    const file = project('libs/blog', {});
    const [[, node]] = (await targetsOf([file], { rrProjects: ['@rr/models', '@rr/renderer'], targetName: 'models' })) as [
      readonly [string, { targets: Record<string, Record<string, unknown>> }],
    ];
    expect(node.targets.models).toMatchObject({
      inputs: expect.arrayContaining([{ input: 'production', projects: ['@rr/models', '@rr/renderer'] }]),
      dependsOn: [{ projects: ['@rr/models', '@rr/renderer'], target: 'build' }],
      outputs: ['{projectRoot}/src/generated'],
    });
  });

  it("hashes rr projects on all their files when the workspace has no 'production' input", async () => {
    const file = project('libs/plain', {});
    const bare = { workspaceRoot: workspace, nxJsonConfiguration: {} } as unknown as CreateNodesContext;
    const [[, node]] = (await targetsOf([file], { rrProjects: ['@rr/models'] }, bare)) as [readonly [string, { targets: Record<string, Record<string, unknown>> }]];
    expect(node.targets.rrgen?.inputs).toContainEqual({ input: 'default', projects: ['@rr/models'] });
  });

  it('names the file of a config that is not JSON', async () => {
    mkdirSync(join(workspace, 'libs/broken'), { recursive: true });
    writeFileSync(join(workspace, 'libs/broken/rr.config.json'), '{ "source": ');
    await expect(targetsOf(['libs/broken/rr.config.json'])).rejects.toThrow(/libs\/broken\/rr\.config\.json: is not valid JSON/);
  });

  it('names the file and key of a config that points outside its project', async () => {
    const file = project('libs/bad', { outputDir: '../elsewhere' });
    await expect(targetsOf([file])).rejects.toThrow(/libs\/bad\/rr\.config\.json \(outputDir\).*points outside the project/);
  });
});
