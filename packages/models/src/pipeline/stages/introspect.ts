import { loadSchema, type CatalogReading, type Introspection, type LoadSchemaOptions, type ReusableIntrospection, type SchemaSource } from '@rr/schema';

import type { SchemaCache } from '../schema-cache.js';
import type { Stage } from '../stage.js';

/** What a cache did for a run: `off` when none applies (none asked for, or, for the schema cache, a snapshot file source). */
export type CacheOutcome = 'hit' | 'miss' | 'off';

export interface Introspected extends Introspection {
  readonly schemaCache: CacheOutcome;
  /**
   * Stores a cache miss's entry; the run calls it once the files are written, when their text is
   * no longer held (so the entry's serialization does not add to the peak). Resolves to a
   * warning when the entry could not be stored.
   */
  readonly storeSchemaCache?: () => Promise<string | null>;
}

/** The schema cache and the source's key in it, which the caller computes once for the whole run. */
export interface KeyedSchemaCache {
  readonly cache: SchemaCache;
  readonly key: string;
}

/**
 * Source → snapshot. With a cache, a `.sql` file seen before is not loaded into the embedded
 * database again, and a database whose catalog stamp is unchanged since the last run answers
 * one query instead of the full read; a snapshot file is already the cheap form. A database
 * whose stamp the run record's check read (`reading`) is read on in that check's transaction.
 */
export function introspectStage(load: LoadSchemaOptions = {}, keyed: KeyedSchemaCache | null = null, reading: CatalogReading | null = null): Stage<SchemaSource, Introspected> {
  const loadFrom = (source: SchemaSource, reuse?: ReusableIntrospection) =>
    reading !== null && source.kind === 'database' ? reading.introspect({ schemas: load.schemas, reuse }) : loadSchema(source, { ...load, reuse });
  return {
    name: 'introspect',
    concurrent: true,
    async run(source) {
      if (keyed === null || source.kind === 'snapshot') return { ...(await loadFrom(source)), schemaCache: 'off' };
      const { cache, key } = keyed;
      if (source.kind === 'database') {
        const entry = await cache.readLazily(key);
        const reuse = entry?.catalogStamp === undefined ? undefined : { catalogStamp: entry.catalogStamp, earlier: async () => entry.load() };
        const loaded = await loadFrom(source, reuse);
        if (loaded.reused) return { ...loaded, schemaCache: 'hit' };
        return stored(cache, key, loaded, 'the next run reads the whole catalog again');
      }
      const cached = await cache.read(key);
      if (cached) return { ...cached, schemaCache: 'hit' };
      return stored(cache, key, await loadSchema(source, load), 'the next run loads the file again');
    },
  };
}

function stored(cache: SchemaCache, key: string, loaded: Introspection, otherwise: string): Introspected {
  const storeSchemaCache = () =>
    cache.write(key, loaded).then(
      () => null,
      (error: unknown) => `schema cache: could not store ${cache.fileFor(key)} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${otherwise}.`,
    );
  return { ...loaded, schemaCache: 'miss', storeSchemaCache };
}
