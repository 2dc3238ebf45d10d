import { join, posix } from 'node:path';

import { getProjects, joinPathFragments, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { mapSchema } from '@rr/mapper';
import { readTemplateOverrides, renderModelSet } from '@rr/renderer';
import { jsonText, loadSchema, parseSnapshot, serializeSnapshot, type SchemaSnapshot } from '@rr/schema';
import { writeFilesToTree } from '@rr/writer';

import type { DatabaseSettings } from '../../config/database-settings.js';
import { DEFAULT_DATABASE_URL_ENV, DEFAULT_OUTPUT_DIR, DEFAULT_SNAPSHOT_FILE, projectSettings } from '../../config/project-settings.js';
import { parseConfigJson, readRrConfigText } from '../../config/rr-config.js';
import { RR_CONFIG_FILE } from '../../plugin/plugin-options.js';
import type { GenerateGeneratorSchema } from './schema.js';

const PLUGIN = '@rr/models';

/** Raised for generator options that cannot work; nothing has been written to the tree. */
export class GeneratorOptionsError extends Error {
  readonly code = 'RR_GENERATOR_OPTIONS';
}

const list = (value: string | undefined): string[] | undefined => {
  const items = value?.split(',').map((item) => item.trim()).filter(Boolean);
  return items?.length ? items : undefined;
};

/**
 * `nx g @rr/models:generate <name>`: creates a models project (or updates one in place) with its
 * project file, rr.config.json, the committed snapshot and the generated code, all through the
 * Tree, and registers the plugin in nx.json.
 */
export default async function generateGenerator(tree: Tree, options: GenerateGeneratorSchema): Promise<void> {
  const sources = [options.databaseUrl, options.sqlFile, options.snapshot].filter((source) => source !== undefined);
  if (sources.length > 1) throw new GeneratorOptionsError('give one source: --databaseUrl, --sqlFile or --snapshot.');
  const projectRoot = normalizeRoot(options.directory ?? options.name);
  const existing = getProjects(tree).get(options.name);
  if (existing !== undefined && !tree.exists(joinPathFragments(existing.root, RR_CONFIG_FILE))) {
    throw new GeneratorOptionsError(`a project named "${options.name}" already exists at ${existing.root} and is not a models project (no ${RR_CONFIG_FILE}); choose another name.`);
  }
  const root = existing?.root ?? projectRoot;
  const configPath = joinPathFragments(root, RR_CONFIG_FILE);
  const previous = tree.exists(configPath) ? (parseConfigJson(tree.read(configPath, 'utf-8') as string, configPath) as Record<string, unknown>) : {};

  const config = projectConfig(options, root, previous);
  // Read the way every later run reads it, so the generator writes what `rrgen` would.
  const rrConfig = readRrConfigText(JSON.stringify(config), configPath);
  const settings = projectSettings(config, configPath);

  const snapshot = await takeSnapshot(tree, options, root, rrConfig.database);
  const modelSet = mapSchema(snapshot, rrConfig.mapper);
  const templates = settings.templatesDir === null ? [] : readTemplateOverrides(join(tree.root, root, settings.templatesDir));
  const { files } = renderModelSet(modelSet, { importExtensions: rrConfig.importExtensions, templates });

  if (existing === undefined) {
    tree.write(
      joinPathFragments(root, 'project.json'),
      jsonText({
        name: options.name,
        $schema: posix.join(posix.relative(root, '.') || '.', 'node_modules/nx/schemas/project-schema.json'),
        projectType: 'library',
        sourceRoot: joinPathFragments(root, 'src'),
        tags: ['rr:models'],
      }),
    );
  }
  tree.write(configPath, jsonText(config));
  tree.write(joinPathFragments(root, settings.snapshot), serializeSnapshot(snapshot));
  writeFilesToTree(tree, joinPathFragments(root, settings.outputDir), files.map((file) => ({ ...file, generated: true })));
  registerPlugin(tree);
}

function normalizeRoot(directory: string): string {
  const normal = posix.normalize(directory.replace(/\\/g, '/')).replace(/\/$/, '');
  if (normal.startsWith('../') || normal === '..' || posix.isAbsolute(normal)) {
    throw new GeneratorOptionsError(`--directory "${directory}" must be inside the workspace.`);
  }
  return normal;
}

function projectConfig(options: GenerateGeneratorSchema, root: string, previous: Record<string, unknown>): Record<string, unknown> {
  const mapper = { ...((previous.mapper as Record<string, unknown> | undefined) ?? {}) };
  const include = list(options.include);
  const exclude = list(options.exclude);
  if (include) mapper.include = include;
  if (exclude) mapper.exclude = exclude;
  let source = previous.source;
  if (options.sqlFile !== undefined) source = { sqlFile: posix.relative(root, options.sqlFile.replace(/\\/g, '/')) };
  else if (options.databaseUrl !== undefined) {
    source = options.storeDatabaseUrl ? { databaseUrl: options.databaseUrl } : { databaseUrlEnv: options.databaseUrlEnv ?? DEFAULT_DATABASE_URL_ENV };
  } else if (source === undefined) {
    source = { databaseUrlEnv: options.databaseUrlEnv ?? DEFAULT_DATABASE_URL_ENV };
  }
  const schemas = list(options.schemas) ?? previous.schemas;
  return {
    ...previous,
    ...(source === undefined ? {} : { source }),
    ...(schemas === undefined ? {} : { schemas }),
    snapshot: previous.snapshot ?? DEFAULT_SNAPSHOT_FILE,
    outputDir: options.outputDir ?? previous.outputDir ?? DEFAULT_OUTPUT_DIR,
    ...(Object.keys(mapper).length === 0 ? {} : { mapper }),
  };
}

async function takeSnapshot(tree: Tree, options: GenerateGeneratorSchema, root: string, database: DatabaseSettings): Promise<SchemaSnapshot> {
  const schemas = list(options.schemas);
  if (options.snapshot !== undefined) {
    const text = tree.read(options.snapshot, 'utf-8');
    if (text === null) throw new GeneratorOptionsError(`--snapshot ${options.snapshot} does not exist in the workspace.`);
    return parseSnapshot(text, options.snapshot).snapshot;
  }
  if (options.sqlFile !== undefined) {
    return (await loadSchema({ kind: 'sql-file', file: join(tree.root, options.sqlFile) }, { schemas })).snapshot;
  }
  const url = options.databaseUrl ?? process.env[options.databaseUrlEnv ?? DEFAULT_DATABASE_URL_ENV];
  if (!url) {
    const committed = joinPathFragments(root, DEFAULT_SNAPSHOT_FILE);
    const text = tree.read(committed, 'utf-8');
    if (text !== null) return parseSnapshot(text, committed).snapshot;
    throw new GeneratorOptionsError(`no schema source: give --databaseUrl, --sqlFile or --snapshot (or set ${options.databaseUrlEnv ?? DEFAULT_DATABASE_URL_ENV}).`);
  }
  const source = { kind: 'database', url, connectTimeoutMs: database.connectTimeoutMs ?? undefined } as const;
  return (await loadSchema(source, { schemas, statementTimeoutMs: database.statementTimeoutMs ?? undefined })).snapshot;
}

function registerPlugin(tree: Tree): void {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  if (plugins.some((plugin) => (typeof plugin === 'string' ? plugin : plugin.plugin) === PLUGIN)) return;
  updateNxJson(tree, { ...nxJson, plugins: [...plugins, PLUGIN] });
}

