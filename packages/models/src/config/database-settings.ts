import { ConfigError } from './config-error.js';
import { isObject, positiveWholeNumber } from './config-values.js';
import { unknownKey } from './performance.js';

/** rr.config.json `database`: how long to wait for a live database. Null: rr's default. */
export interface DatabaseSettings {
  /** How long to wait for the server to accept a connection (default 10 s). */
  readonly connectTimeoutMs: number | null;
  /** The limit for each introspection query (default 30 s). */
  readonly statementTimeoutMs: number | null;
}

export const DEFAULT_DATABASE_SETTINGS: DatabaseSettings = { connectTimeoutMs: null, statementTimeoutMs: null };

const KEYS = ['connectTimeoutMs', 'statementTimeoutMs'] as const;

export function parseDatabaseSettings(file: string, value: unknown): DatabaseSettings {
  if (value === undefined) return DEFAULT_DATABASE_SETTINGS;
  if (!isObject(value)) throw new ConfigError(file, 'database', `must be an object with ${KEYS.join(', ')}.`);
  for (const key of Object.keys(value)) {
    if (!(KEYS as readonly string[]).includes(key)) throw unknownKey(file, `database.${key}`, key, KEYS);
  }
  const milliseconds = (key: (typeof KEYS)[number]): number | null =>
    value[key] === undefined ? null : positiveWholeNumber(file, `database.${key}`, value[key], { unit: 'milliseconds' });
  return { connectTimeoutMs: milliseconds('connectTimeoutMs'), statementTimeoutMs: milliseconds('statementTimeoutMs') };
}
