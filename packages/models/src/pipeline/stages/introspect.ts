import { loadSchema, type Introspection, type LoadSchemaOptions, type SchemaSource } from '@rr/schema';

import type { SchemaCache } from '../schema-cache.js';
import type { Stage } from '../stage.js';

/** `off` when no cache applies (no cache asked for, or the source is not a `.sql` file). */
export type SchemaCacheOutcome = 'hit' | 'miss' | 'off';

export interface Introspected extends Introspection {
  readonly schemaCache: SchemaCacheOutcome;
}

/**
 * Source → snapshot. With a cache, a `.sql` file seen before is not loaded into the embedded
 * database again; databases and snapshot files are never cached (a database changes under the
 * same URL, and a snapshot file is already the cheap form).
 */
export function introspectStage(load: LoadSchemaOptions = {}, cache: SchemaCache | null = null): Stage<SchemaSource, Introspected> {
  return {
    name: 'introspect',
    concurrent: true,
    async run(source) {
      if (cache === null || source.kind !== 'sql-file') return { ...(await loadSchema(source, load)), schemaCache: 'off' };
      const key = await cache.key(source.file, load.schemas);
      const cached = await cache.read(key);
      if (cached) return { ...cached, schemaCache: 'hit' };
      const loaded = await loadSchema(source, load);
      const stored = await cache.write(key, loaded).then(
        () => null,
        (error: unknown) => `schema cache: could not store ${cache.fileFor(key)} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next run loads the file again.`,
      );
      return { ...loaded, warnings: stored === null ? loaded.warnings : [...loaded.warnings, stored], schemaCache: 'miss' };
    },
  };
}
