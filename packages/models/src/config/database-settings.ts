import { ConfigError } from './config-error.js';
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(file, 'database', `must be an object with ${KEYS.join(', ')}.`);
  }
  const entries = value as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (!(KEYS as readonly string[]).includes(key)) throw unknownKey(file, `database.${key}`, key, KEYS);
  }
  const milliseconds = (key: (typeof KEYS)[number]): number | null => {
    const v = entries[key];
    if (v === undefined) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new ConfigError(file, `database.${key}`, `must be a positive whole number of milliseconds, got ${JSON.stringify(v)}.`);
    }
    return v;
  };
  return { connectTimeoutMs: milliseconds('connectTimeoutMs'), statementTimeoutMs: milliseconds('statementTimeoutMs') };
}
