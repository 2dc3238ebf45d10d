import { dirname, join, resolve } from 'node:path';

import type { ExecutorContext } from '@nx/devkit';
import { passwordOf, redact, type LoadSchemaOptions, type SchemaSource } from '@rr/schema';

import { projectSettings, type ProjectSettings } from '../config/project-settings.js';
import { parseConfigJson, readConfigFile, readRrConfigText, type RrConfig } from '../config/rr-config.js';
import { isExplained } from '../cli/output.js';
import { RR_CONFIG_FILE } from '../plugin/plugin-options.js';

/** What every rr executor works from: the project's directory, its config and settings. */
export interface ProjectContext {
  readonly projectName: string;
  /** Absolute project directory. */
  readonly root: string;
  readonly configFile: string;
  readonly config: RrConfig;
  readonly settings: ProjectSettings;
}

export interface ConfigOption {
  /** Path of the rr.config.json, relative to the workspace (default: the project's). */
  readonly config?: string;
}

export function projectContext(options: ConfigOption, context: ExecutorContext): ProjectContext {
  const projectName = context.projectName ?? '';
  const projectRoot = context.projectsConfigurations?.projects[projectName]?.root ?? '.';
  const configFile = resolve(context.root, (options.config ?? join(projectRoot, RR_CONFIG_FILE)).replace('{projectRoot}', projectRoot));
  const text = readConfigFile(configFile);
  const config = readRrConfigText(text, configFile);
  const settings = projectSettings(parseConfigJson(text, configFile), configFile);
  return { projectName, root: dirname(configFile), configFile, config, settings };
}

/** The live database (or .sql file) a project's snapshot is taken from. */
export function liveSource(project: ProjectContext, env: NodeJS.ProcessEnv = process.env): SchemaSource {
  const { source } = project.settings;
  if (source === null) {
    throw Object.assign(new Error(`${project.configFile}: no "source"; add { "source": { "databaseUrlEnv": "RR_DATABASE_URL" } } or { "source": { "sqlFile": "db/structure.sql" } }.`), { code: 'RR_CONFIG_INVALID' });
  }
  switch (source.kind) {
    case 'sql-file':
      return { kind: 'sql-file', file: join(project.root, source.file) };
    case 'database-url':
      return { kind: 'database', url: source.url, ...connectTimeout(project) };
    case 'database-env': {
      const url = env[source.variable];
      if (!url) throw Object.assign(new Error(`${source.variable} is not set: ${project.configFile} reads the database URL from it. Set it (for example in .env.local) and run again.`), { code: 'RR_CONFIG_INVALID' });
      return { kind: 'database', url, ...connectTimeout(project) };
    }
  }
}

const connectTimeout = (project: ProjectContext) =>
  project.config.database.connectTimeoutMs === null ? {} : { connectTimeoutMs: project.config.database.connectTimeoutMs };

/** The schemas and statement timeout a project's introspection uses. */
export function loadOptions(project: ProjectContext): LoadSchemaOptions {
  return {
    schemas: project.settings.schemas ?? undefined,
    statementTimeoutMs: project.config.database.statementTimeoutMs ?? undefined,
  };
}

/** Prints an error the way rrgen does: no stack for bad input, never a password. */
export function reportFailure(error: unknown, project: ProjectContext | null): void {
  const secrets = [passwordOf(process.env.RR_DATABASE_URL)];
  if (project?.settings.source?.kind === 'database-env') secrets.push(passwordOf(process.env[project.settings.source.variable]));
  if (project?.settings.source?.kind === 'database-url') secrets.push(passwordOf(project.settings.source.url));
  const message = error instanceof Error ? (isExplained(error) ? error.message : (error.stack ?? error.message)) : String(error);
  console.error(`rr: ${redact(message, secrets)}`);
}
