import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import findCacheDirectory from 'find-cache-directory';

import { canonicalizeSnapshot, describeDatabase, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Introspection, type SchemaSnapshot } from '@rr/schema';

import { writeFileAtomic } from '../io/atomic-write.js';
import { jsonLines, parseJsonLines, readJsonLinesFile, type JsonLinesFile } from '../io/json-lines.js';

/**
 * Where caches go unless a run says otherwise: `node_modules/.cache/rr` of the npm project the
 * working directory is in (or `$CACHE_DIR/rr`), found by find-cache-directory; null outside
 * any project, where rr keeps no cache rather than create a `node_modules` of its own.
 */
export function defaultCacheDir(cwd: string = process.cwd()): string | null {
  return findCacheDirectory({ name: 'rr', cwd }) ?? null;
}

// Bumped when what is stored changes shape; old entries then simply miss.
const ENTRY_FORMAT = 'rr-schema-cache/2';

/** An entry read as far as its first line. */
export interface LazyEntry {
  /** Databases only: the catalog stamp the snapshot was read under. */
  readonly catalogStamp?: string;
  /** The snapshot and warnings, parsed and checked now; undefined when the entry does not read back whole. */
  readonly load: () => Introspection | undefined;
}

/** The first line; each table of the snapshot follows on a line of its own (io/json-lines.ts). */
interface EntryHead {
  readonly format: typeof ENTRY_FORMAT;
  readonly warnings: readonly string[];
  /** Databases only: the catalog stamp the snapshot was read under. */
  readonly catalogStamp?: string;
  /** The snapshot with its tables left out. */
  readonly snapshot: SchemaSnapshot;
}

/**
 * Snapshots of `.sql` files, keyed by the sha256 of the file's bytes, the schemas asked for and
 * the snapshot format: an edited file, another selection or a new snapshot format misses. And
 * the last snapshot of each database (host, port and name, never credentials) and selection,
 * with the catalog stamp it was read under: the database itself says whether it still holds.
 * Entries are whole, atomically written snapshots; one that does not parse is a miss, never an error.
 */
export class SchemaCache {
  constructor(readonly dir: string) {}

  async key(sqlFile: string, schemas: readonly string[] | undefined): Promise<string> {
    const hash = this.#keyHash(schemas);
    hash.update(await readFile(sqlFile));
    return hash.digest('hex');
  }

  databaseKey(url: string, schemas: readonly string[] | undefined): string {
    return this.#keyHash(schemas).update(`database\0${describeDatabase(url)}`).digest('hex');
  }

  #keyHash(schemas: readonly string[] | undefined) {
    return createHash('sha256').update(`${ENTRY_FORMAT}\0${SNAPSHOT_FORMAT}/${SNAPSHOT_VERSION}\0${JSON.stringify(schemas ?? null)}\0`);
  }

  fileFor(key: string): string {
    return join(this.dir, `${key}.jsonl`);
  }

  async read(key: string): Promise<Introspection | undefined> {
    return (await this.readLazily(key))?.load();
  }

  /**
   * The entry's catalog stamp from its first line at once, and the whole entry only when `load`
   * is called: a database whose stamp moved never pays for decoding, parsing and checking the
   * snapshot (about 45 ms of a new process for musicbrainz here).
   */
  async readLazily(key: string): Promise<LazyEntry | undefined> {
    let file: JsonLinesFile;
    let head: EntryHead;
    try {
      file = await readJsonLinesFile(this.fileFor(key));
      head = JSON.parse(file.head) as EntryHead;
    } catch {
      return undefined;
    }
    if (head?.format !== ENTRY_FORMAT || !Array.isArray(head.warnings) || typeof head.snapshot !== 'object') return undefined;
    return { ...(typeof head.catalogStamp === 'string' ? { catalogStamp: head.catalogStamp } : {}), load: () => parseEntry(file.text()) };
  }

  async write(key: string, loaded: Introspection): Promise<void> {
    const head: EntryHead = {
      format: ENTRY_FORMAT,
      warnings: loaded.warnings,
      ...(loaded.catalogStamp === undefined ? {} : { catalogStamp: loaded.catalogStamp }),
      // Already canonical, fingerprint included (every source canonicalizes): stored as it is.
      snapshot: { ...loaded.snapshot, tables: [] },
    };
    await writeFileAtomic(this.fileFor(key), jsonLines(head, loaded.snapshot.tables));
  }
}

/** A whole entry, or undefined when it does not read back as one. */
function parseEntry(text: string): Introspection | undefined {
  try {
    const { head, items } = parseJsonLines(text);
    const entry = head as EntryHead;
    // The entry is rr's own, written whole: its fingerprint, recomputed from the content, is the
    // check. (Validating the shape as for a user's file took 60 ms of musicbrainz's 180 ms hit.)
    const stored = { ...entry.snapshot, tables: items } as SchemaSnapshot;
    const snapshot = canonicalizeSnapshot(stored);
    if (snapshot.fingerprint !== stored.fingerprint) return undefined;
    return { snapshot, roundTrips: 0, warnings: entry.warnings, ...(typeof entry.catalogStamp === 'string' ? { catalogStamp: entry.catalogStamp } : {}) };
  } catch {
    return undefined;
  }
}
