import type { Extension } from '@electric-sql/pglite';

/**
 * Extensions the embedded database can provide. PGlite ships each contrib extension as its own
 * module (`@electric-sql/pglite/contrib/<module>`) that must be registered when the database
 * starts; the key is the name `CREATE EXTENSION` uses. plpgsql is built in.
 */
const CONTRIB_MODULES: Readonly<Record<string, string>> = {
  amcheck: 'amcheck', auto_explain: 'auto_explain', bloom: 'bloom', btree_gin: 'btree_gin',
  btree_gist: 'btree_gist', citext: 'citext', cube: 'cube', dict_int: 'dict_int',
  dict_xsyn: 'dict_xsyn', earthdistance: 'earthdistance', file_fdw: 'file_fdw',
  fuzzystrmatch: 'fuzzystrmatch', hstore: 'hstore', intarray: 'intarray', isn: 'isn', lo: 'lo',
  ltree: 'ltree', moddatetime: 'moddatetime', pageinspect: 'pageinspect',
  pg_buffercache: 'pg_buffercache', pg_freespacemap: 'pg_freespacemap',
  pg_stat_statements: 'pg_stat_statements', pg_surgery: 'pg_surgery', pg_trgm: 'pg_trgm',
  pg_visibility: 'pg_visibility', pg_walinspect: 'pg_walinspect', pgcrypto: 'pgcrypto', seg: 'seg',
  tablefunc: 'tablefunc', tcn: 'tcn', tsm_system_rows: 'tsm_system_rows',
  tsm_system_time: 'tsm_system_time', unaccent: 'unaccent', 'uuid-ossp': 'uuid_ossp',
};

const BUILT_IN = new Set(['plpgsql']);

/** Extensions that earthdistance and friends need loaded first. */
const REQUIRES: Readonly<Record<string, readonly string[]>> = { earthdistance: ['cube'] };

// Own keys only: an extension named `toString` or `constructor` is unknown, not Object.prototype's.
function isContrib(name: string): boolean {
  return Object.hasOwn(CONTRIB_MODULES, name);
}

export function isEmbeddedExtension(name: string): boolean {
  return BUILT_IN.has(name) || isContrib(name);
}

/** Loads the PGlite modules for the named extensions (unknown and built-in names are ignored). */
export async function loadEmbeddedExtensions(names: Iterable<string>): Promise<Record<string, Extension>> {
  const wanted = new Set<string>();
  const add = (name: string) => {
    if (!isContrib(name) || wanted.has(name)) return;
    for (const dependency of Object.hasOwn(REQUIRES, name) ? REQUIRES[name]! : []) add(dependency);
    wanted.add(name);
  };
  for (const name of names) add(name);
  const loaded: Record<string, Extension> = {};
  for (const name of [...wanted].sort()) {
    const module = CONTRIB_MODULES[name]!;
    const exports = (await import(`@electric-sql/pglite/contrib/${module}`)) as Record<string, Extension>;
    const extension = exports[module];
    if (extension) loaded[module] = extension;
  }
  return loaded;
}
