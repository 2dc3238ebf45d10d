import { SchemaError } from '../errors.js';
import type { Introspection, ReusableIntrospection } from '../introspect/introspect.js';
import { introspectDatabase } from './live-database.js';
import { selectSchemas } from '../snapshot/select.js';
import { readSnapshotFile } from './snapshot-file.js';
import { introspectSqlFile } from './sql-file.js';

/** The three places a snapshot can come from, behind one call. */
export type SchemaSource =
  | { readonly kind: 'database'; readonly url: string; readonly connectTimeoutMs?: number }
  | { readonly kind: 'sql-file'; readonly file: string }
  | { readonly kind: 'snapshot'; readonly file: string };

export interface LoadSchemaOptions {
  readonly schemas?: readonly string[];
  readonly statementTimeoutMs?: number;
  /** Databases only: an earlier introspection, taken as it is while the catalog stamp is unchanged. */
  readonly reuse?: ReusableIntrospection;
}

/**
 * Produces a snapshot from any source. A snapshot file is filtered to the requested schemas
 * too, so the three sources answer the same question the same way.
 */
export async function loadSchema(source: SchemaSource, options: LoadSchemaOptions = {}): Promise<Introspection> {
  switch (source.kind) {
    case 'database':
      return introspectDatabase({ url: source.url, connectTimeoutMs: source.connectTimeoutMs, ...options });
    case 'sql-file':
      return introspectSqlFile({ file: source.file, schemas: options.schemas, statementTimeoutMs: options.statementTimeoutMs });
    case 'snapshot': {
      const { snapshot, fingerprintMatches } = await readSnapshotFile(source.file);
      const warnings = fingerprintMatches
        ? []
        : [`${source.file}: the fingerprint does not match the content (the file was edited); using the content.`];
      if (!options.schemas?.length) return { snapshot, roundTrips: 0, warnings };
      const available = snapshot.schemas.map((s) => s.name);
      const missing = options.schemas.filter((s) => !available.includes(s));
      if (missing.length) {
        throw new SchemaError('RR_SCHEMA_NOT_FOUND', `schema ${missing.map((s) => `"${s}"`).join(', ')} not in snapshot ${source.file}. It has: ${available.map((s) => `"${s}"`).join(', ') || '(none)'}.`);
      }
      return { snapshot: selectSchemas(snapshot, options.schemas), roundTrips: 0, warnings };
    }
  }
}
