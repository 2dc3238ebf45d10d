import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import findCacheDirectory from 'find-cache-directory';

import { parseSnapshot, serializeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Introspection } from '@rr/schema';

import { writeFileAtomic } from '../io/atomic-write.js';

/**
 * Where caches go unless a run says otherwise: `node_modules/.cache/rr` of the npm project the
 * working directory is in (or `$CACHE_DIR/rr`), found by find-cache-directory; null outside
 * any project, where rr keeps no cache rather than create a `node_modules` of its own.
 */
export function defaultCacheDir(cwd: string = process.cwd()): string | null {
  return findCacheDirectory({ name: 'rr', cwd }) ?? null;
}

// Bumped when what is stored changes shape; old entries then simply miss.
const ENTRY_FORMAT = 'rr-schema-cache/1';

interface CacheEntry {
  readonly format: typeof ENTRY_FORMAT;
  readonly warnings: readonly string[];
  readonly snapshot: unknown;
}

/**
 * Snapshots of `.sql` files, keyed by the sha256 of the file's bytes, the schemas asked for and
 * the snapshot format: an edited file, another selection or a new snapshot format misses.
 * Entries are whole, atomically written snapshots; one that does not parse is a miss, never an error.
 */
export class SchemaCache {
  constructor(readonly dir: string) {}

  async key(sqlFile: string, schemas: readonly string[] | undefined): Promise<string> {
    const hash = createHash('sha256');
    hash.update(`${ENTRY_FORMAT}\0${SNAPSHOT_FORMAT}/${SNAPSHOT_VERSION}\0${JSON.stringify(schemas ?? null)}\0`);
    hash.update(await readFile(sqlFile));
    return hash.digest('hex');
  }

  fileFor(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  async read(key: string): Promise<Introspection | undefined> {
    const file = this.fileFor(key);
    let entry: CacheEntry;
    try {
      entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
    if (entry?.format !== ENTRY_FORMAT || !Array.isArray(entry.warnings)) return undefined;
    try {
      const { snapshot, fingerprintMatches } = parseSnapshot(JSON.stringify(entry.snapshot), file);
      return fingerprintMatches ? { snapshot, roundTrips: 0, warnings: entry.warnings } : undefined;
    } catch {
      return undefined;
    }
  }

  async write(key: string, loaded: Introspection): Promise<void> {
    const entry: CacheEntry = { format: ENTRY_FORMAT, warnings: loaded.warnings, snapshot: JSON.parse(serializeSnapshot(loaded.snapshot)) };
    await writeFileAtomic(this.fileFor(key), `${JSON.stringify(entry)}\n`);
  }
}
