import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import type { MapperConfigInput } from '@rr/mapper';

/** The project configuration `rrgen generate --config` reads (`rr.config.json`). */
export interface RrConfig {
  /** Mapper configuration: selection, names, types, relationships, behaviours (docs/mapper.md). */
  readonly mapper: MapperConfigInput;
  /** Add `.js` to relative imports in generated code (default true). */
  readonly importExtensions: boolean;
  /** Template overrides, resolved against the config file's directory; null for rr's own. */
  readonly templatesDir: string | null;
}

const KEYS = ['$schema', 'mapper', 'importExtensions', 'templatesDir'] as const;

/** A configuration file that cannot be used; `key` names the offending entry. */
export class ConfigError extends Error {
  readonly code = 'RR_CONFIG_INVALID';
  constructor(
    readonly file: string,
    readonly key: string | null,
    message: string,
  ) {
    super(`${file}${key === null ? '' : ` (${key})`}: ${message}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG: RrConfig = { mapper: {}, importExtensions: true, templatesDir: null };

export function readRrConfig(file: string): RrConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, null, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check the path given to --config.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, null, `is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(file, null, 'must hold a JSON object.');
  const entries = data as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(file, key, `unknown key; rr.config.json has ${KEYS.filter((k) => k !== '$schema').join(', ')}.`);
    }
  }
  const mapper = entries.mapper ?? {};
  if (typeof mapper !== 'object' || mapper === null || Array.isArray(mapper)) throw new ConfigError(file, 'mapper', 'must be an object.');
  const importExtensions = entries.importExtensions ?? true;
  if (typeof importExtensions !== 'boolean') throw new ConfigError(file, 'importExtensions', 'must be true or false.');
  const templatesDir = entries.templatesDir ?? null;
  if (templatesDir !== null && typeof templatesDir !== 'string') throw new ConfigError(file, 'templatesDir', 'must be a directory path.');
  return {
    mapper: mapper as MapperConfigInput,
    importExtensions,
    templatesDir: templatesDir === null ? null : resolve(dirname(file), templatesDir),
  };
}
