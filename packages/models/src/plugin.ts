import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { CreateNodes, CreateNodesResult, TargetConfiguration } from '@nx/devkit';

import { projectSettings } from './config/project-settings.js';
import { parseConfigJson } from './config/rr-config.js';
import { RR_CONFIG_FILE, type RrPluginOptions } from './plugin/plugin-options.js';
import { rrgenCommand } from './plugin/rrgen-command.js';

/**
 * Every directory with an `rr.config.json` is a models project with three targets:
 * `rrgen` (render from the committed snapshot; cached), `rr-snapshot` (refresh the snapshot from
 * the database; never cached) and `rr-check` (compare the database with the snapshot).
 */
export const createNodes: CreateNodes<RrPluginOptions> = [
  `**/${RR_CONFIG_FILE}`,
  (configFiles, options, context) =>
    configFiles.map((configFile) => {
      const root = dirname(configFile);
      // Without a `production` named input, rr's own projects are hashed on all their files.
      const input = context.nxJsonConfiguration.namedInputs?.['production'] ? 'production' : 'default';
      const targets = targetsFor(root, join(context.workspaceRoot, configFile), options ?? {}, input);
      return [configFile, { projects: { [root]: { root, targets } } } satisfies CreateNodesResult] as const;
    }),
];

/** Nx 21–23 look for this name; Nx 24 reads `createNodes`. */
export const createNodesV2 = createNodes;

function targetsFor(root: string, configPath: string, options: RrPluginOptions, rrInput: string): Record<string, TargetConfiguration> {
  const settings = projectSettings(parseConfigJson(readFileSync(configPath, 'utf8'), configPath), configPath);
  const rrInputs = options.rrProjects?.length
    ? [{ input: rrInput, projects: [...options.rrProjects] }]
    : [{ externalDependencies: ['@rr/models'] }];
  const config = `{projectRoot}/${RR_CONFIG_FILE}`;
  const command = rrgenCommand(root, settings.snapshot, settings.outputDir);
  return {
    [options.targetName ?? 'rrgen']: {
      // The CLI where its command line can be written, else the executor that does the same.
      ...(command === null ? { executor: '@rr/models:rrgen', options: { config } } : { executor: 'nx:run-commands', options: { command } }),
      cache: true,
      inputs: [
        config,
        // The snapshot's meta (when and from where it was taken) changes with no meaning.
        { json: `{projectRoot}/${settings.snapshot}`, excludeFields: ['meta'] },
        ...(settings.templatesDir === null ? [] : [`{projectRoot}/${settings.templatesDir}/**/*`]),
        ...rrInputs,
      ],
      outputs: [`{projectRoot}/${settings.outputDir}`],
      // rr's own packages in the workspace run from their build output.
      ...(options.rrProjects?.length ? { dependsOn: [{ projects: [...options.rrProjects], target: 'build' }] } : {}),
      metadata: { description: 'Render the Zero schema and models from the committed snapshot' },
    },
    [options.snapshotTargetName ?? 'rr-snapshot']: {
      executor: '@rr/models:snapshot',
      options: { config },
      cache: false,
      metadata: { description: 'Refresh the committed snapshot from the database' },
    },
    [options.checkTargetName ?? 'rr-check']: {
      executor: '@rr/models:check',
      options: { config },
      cache: false,
      metadata: { description: 'Fail when the database differs from the committed snapshot' },
    },
  };
}
