import { Option, type Command } from 'commander';
import type { SchemaSource } from '@rr/schema';

import { DEFAULT_DATABASE_SETTINGS, type DatabaseSettings } from '../config/database-settings.js';

export interface SourceFlags {
  readonly databaseUrl?: string;
  readonly sql?: string;
  readonly snapshot?: string;
  readonly schema?: string;
  readonly statementTimeout?: string;
  readonly connectTimeout?: string;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'RR_USAGE';
}

/** Adds the options every command that reads a schema shares. */
export function addSourceOptions(command: Command, sources: readonly ('database' | 'sql' | 'snapshot')[]): Command {
  if (sources.includes('database')) {
    command.addOption(
      new Option('--database-url <url>', 'PostgreSQL URL to introspect (or set RR_DATABASE_URL)').env('RR_DATABASE_URL'),
    );
  }
  if (sources.includes('sql')) command.option('--sql <file>', 'a structure.sql / pg_dump file, loaded into an embedded PostgreSQL (no server needed)');
  if (sources.includes('snapshot')) command.option('--snapshot <file>', 'a snapshot written earlier by `rrgen snapshot`');
  return command
    .option('--schema <names>', 'comma-separated schemas to read (default: every non-system schema)')
    .option('--statement-timeout <ms>', 'limit for each introspection query, in milliseconds (default 30000)')
    .option('--connect-timeout <ms>', 'how long to wait for the database to accept the connection, in milliseconds (default 10000)');
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number of milliseconds, got "${value}".`);
  return n;
}

export interface ResolvedSource {
  readonly source: SchemaSource;
  readonly schemas: readonly string[] | undefined;
  readonly statementTimeoutMs: number | undefined;
}

/**
 * Exactly one source must be given; an explicit flag wins over RR_DATABASE_URL. The timeouts
 * come from the flags, else from rr.config.json `database` (`configured`), else rr's defaults.
 */
export function resolveSource(
  flags: SourceFlags,
  configured: DatabaseSettings = DEFAULT_DATABASE_SETTINGS,
  envUrl: string | undefined = process.env.RR_DATABASE_URL,
): ResolvedSource {
  const files = [flags.sql && '--sql', flags.snapshot && '--snapshot'].filter(Boolean);
  const explicitUrl = flags.databaseUrl !== undefined && flags.databaseUrl !== envUrl;
  if (files.length + (explicitUrl ? 1 : 0) > 1) {
    throw new UsageError(`give one source, not ${[explicitUrl && '--database-url', ...files].filter(Boolean).join(' and ')}.`);
  }
  const schemas = flags.schema
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const statementTimeoutMs = positiveInteger(flags.statementTimeout, '--statement-timeout') ?? configured.statementTimeoutMs ?? undefined;
  const common = { schemas: schemas?.length ? schemas : undefined, statementTimeoutMs };
  if (flags.sql) return { source: { kind: 'sql-file', file: flags.sql }, ...common };
  if (flags.snapshot) return { source: { kind: 'snapshot', file: flags.snapshot }, ...common };
  if (flags.databaseUrl) {
    return { source: { kind: 'database', url: flags.databaseUrl, connectTimeoutMs: positiveInteger(flags.connectTimeout, '--connect-timeout') ?? configured.connectTimeoutMs ?? undefined }, ...common };
  }
  throw new UsageError('no schema source: give --database-url URL (or set RR_DATABASE_URL), --sql FILE or --snapshot FILE.');
}
