import { isAbsolute, normalize } from 'node:path';

import { ConfigError } from './config-error.js';

/** Where a models project's schema comes from when its snapshot is refreshed. */
export type ProjectSource =
  /** A Rails `structure.sql` / pg_dump file, relative to the project, loaded into the embedded database. */
  | { readonly kind: 'sql-file'; readonly file: string }
  /** A live database whose URL is read from an environment variable at run time (never stored). */
  | { readonly kind: 'database-env'; readonly variable: string }
  /** A live database URL stored in the config: only when the user asked for it. */
  | { readonly kind: 'database-url'; readonly url: string };

/** The project-level keys of `rr.config.json`: what the Nx plugin and its executors need. */
export interface ProjectSettings {
  readonly source: ProjectSource | null;
  readonly schemas: readonly string[] | null;
  /** The committed snapshot, relative to the project root. */
  readonly snapshot: string;
  /** The generated code, relative to the project root. */
  readonly outputDir: string;
  /** Template overrides, relative to the project root, or null. */
  readonly templatesDir: string | null;
}

export const PROJECT_KEYS = ['source', 'schemas', 'snapshot', 'outputDir'] as const;
export const DEFAULT_SNAPSHOT_FILE = 'rr.schema.json';
export const DEFAULT_OUTPUT_DIR = 'src/generated';
export const DEFAULT_DATABASE_URL_ENV = 'RR_DATABASE_URL';

/** Reads the project keys of a parsed `rr.config.json`; `file` names it in errors. */
export function projectSettings(raw: unknown, file: string): ProjectSettings {
  const data = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  return {
    source: sourceOf(data.source, file),
    schemas: schemasOf(data.schemas, file),
    snapshot: insideProject(data.snapshot ?? DEFAULT_SNAPSHOT_FILE, 'snapshot', file),
    outputDir: insideProject(data.outputDir ?? DEFAULT_OUTPUT_DIR, 'outputDir', file),
    templatesDir: data.templatesDir == null ? null : insideProject(data.templatesDir, 'templatesDir', file),
  };
}

function sourceOf(value: unknown, file: string): ProjectSource | null {
  if (value == null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(file, 'source', 'must be an object: { "sqlFile": "db/structure.sql" } or { "databaseUrlEnv": "RR_DATABASE_URL" }.');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const [key, setting] = entries[0] ?? [];
  if (entries.length !== 1 || typeof setting !== 'string' || setting === '') {
    throw new ConfigError(file, 'source', 'needs exactly one of "sqlFile", "databaseUrlEnv" or "databaseUrl", with a non-empty string.');
  }
  switch (key) {
    case 'sqlFile':
      return { kind: 'sql-file', file: insideProject(setting, 'source.sqlFile', file, true) };
    case 'databaseUrlEnv':
      return { kind: 'database-env', variable: setting };
    case 'databaseUrl':
      return { kind: 'database-url', url: setting };
    default:
      throw new ConfigError(file, `source.${key}`, 'unknown source; use "sqlFile", "databaseUrlEnv" or "databaseUrl".');
  }
}

function schemasOf(value: unknown, file: string): readonly string[] | null {
  if (value == null) return null;
  if (!Array.isArray(value) || value.length === 0 || !value.every((name) => typeof name === 'string' && name !== '')) {
    throw new ConfigError(file, 'schemas', 'must be a non-empty list of schema names.');
  }
  return value as string[];
}

/** A path relative to the project that stays inside it (or, for inputs, may point up to a shared file). */
function insideProject(value: unknown, key: string, file: string, mayLeave = false): string {
  if (typeof value !== 'string' || value === '') throw new ConfigError(file, key, 'must be a path relative to the project.');
  const normal = normalize(value).replace(/\\/g, '/').replace(/\/$/, '');
  if (isAbsolute(value)) throw new ConfigError(file, key, `"${value}" is absolute; give a path relative to the project.`);
  if (!mayLeave && (normal === '..' || normal.startsWith('../') || normal === '.')) {
    throw new ConfigError(file, key, `"${value}" points outside the project (or at its root); generated files must stay inside it.`);
  }
  return normal;
}
