import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { MapperConfigError, resolveMapperConfig, type MapperConfigInput } from '@rr/mapper/config';

import { ConfigError } from './config-error.js';
import { DEFAULT_DATABASE_SETTINGS, parseDatabaseSettings, type DatabaseSettings } from './database-settings.js';
import { DEFAULT_PROFILES, parsePerformance, unknownKey, type PerformanceProfiles } from './performance.js';
import { PROJECT_KEYS } from './project-settings.js';

export { ConfigError } from './config-error.js';

/** The project configuration `rrgen generate --config` reads (`rr.config.json`). */
export interface RrConfig {
  /** Mapper configuration: selection, names, types, relationships, behaviours (docs/mapper.md). */
  readonly mapper: MapperConfigInput;
  /** Add `.js` to relative imports in generated code (default true). */
  readonly importExtensions: boolean;
  /** Template overrides, resolved against the config file's directory; null for rr's own. */
  readonly templatesDir: string | null;
  /** Every profile, each complete: what the file leaves out comes from `DEFAULT_PROFILES`. */
  readonly performance: PerformanceProfiles;
  /** Connect and statement timeouts for a live database. */
  readonly database: DatabaseSettings;
}

const KNOWN_KEYS: readonly string[] = ['$schema', 'mapper', 'importExtensions', 'templatesDir', 'performance', 'database', ...PROJECT_KEYS];

export const DEFAULT_CONFIG: RrConfig = { mapper: {}, importExtensions: true, templatesDir: null, performance: DEFAULT_PROFILES, database: DEFAULT_DATABASE_SETTINGS };

export function readRrConfig(file: string): RrConfig {
  return readRrConfigText(readConfigFile(file), file);
}

/** The text of an rr.config.json; a file that cannot be read is a ConfigError naming it. */
export function readConfigFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, null, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check the path given to --config.`);
  }
}

/** The JSON of an rr.config.json; a syntax error names the file. */
export function parseConfigJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(file, null, `is not valid JSON: ${(error as Error).message}.`);
  }
}

/**
 * Checks the text of an rr.config.json that may not be on disk yet (an Nx Tree); `file` names it
 * in errors and anchors `templatesDir`. The project keys (`source`, `snapshot`, …) are accepted
 * here and read by `projectSettings`.
 */
export function readRrConfigText(text: string, file: string): RrConfig {
  const data = parseConfigJson(text, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(file, null, 'must hold a JSON object.');
  const entries = data as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (!KNOWN_KEYS.includes(key)) throw unknownKey(file, key, key, KNOWN_KEYS.filter((k) => k !== '$schema'));
  }
  const mapper = entries.mapper ?? {};
  if (typeof mapper !== 'object' || mapper === null || Array.isArray(mapper)) throw new ConfigError(file, 'mapper', 'must be an object.');
  const importExtensions = entries.importExtensions ?? true;
  if (typeof importExtensions !== 'boolean') throw new ConfigError(file, 'importExtensions', 'must be true or false.');
  const templatesDir = entries.templatesDir ?? null;
  if (templatesDir !== null && typeof templatesDir !== 'string') throw new ConfigError(file, 'templatesDir', 'must be a directory path.');
  checkMapperConfig(file, mapper as MapperConfigInput);
  return {
    mapper: mapper as MapperConfigInput,
    importExtensions,
    templatesDir: templatesDir === null ? null : resolve(dirname(file), templatesDir),
    performance: parsePerformance(file, entries.performance),
    database: parseDatabaseSettings(file, entries.database),
  };
}

/**
 * The mapper checks its own section; checked here too so that the error names the file, says
 * `mapper.` in the key path like every other key, and suggests the closest key for a typo.
 */
function checkMapperConfig(file: string, mapper: MapperConfigInput): void {
  try {
    resolveMapperConfig(mapper);
  } catch (error) {
    if (!(error instanceof MapperConfigError)) throw error;
    const path = `mapper.${error.key}`;
    if (error.unknownKey === null) throw new ConfigError(file, path, `${error.reason}.`);
    const { key, allowed } = error.unknownKey;
    throw unknownKey(file, path, key, allowed);
  }
}
