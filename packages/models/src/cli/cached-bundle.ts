/**
 * Runs the rrgen bundle from V8's code cache. A cold run spends much of its time compiling rr's
 * functions the first time each is called; the cache, written when the bundle is built, holds the
 * bytecode of every function a generation of the shop example called, so a run deserializes it
 * instead (docs/performance.md, Start-up). Node 20 has no code cache for ES modules, so the CLI's
 * bundle is CommonJS, compiled here with `vm.Script`.
 *
 * V8 checks a cache against the source and its own version and flags, and rejects one that does
 * not match: the run then compiles as it would without one, only slower.
 */

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** Whether the code cache was used: `hit`; `rejected` by V8 (another Node, other flags); `absent`. */
export type CodeCacheOutcome = 'hit' | 'rejected' | 'absent';

/** How the process that runs rrgen started, as `bin/rrgen.js` tells the CLI. */
export interface Startup {
  readonly codeCache: CodeCacheOutcome;
}

export interface CachedBundle<Exports> {
  readonly exports: Exports;
  readonly codeCache: CodeCacheOutcome;
  /** Writes the cache of every function compiled so far in this process (the bundle build's training run). */
  writeCodeCache(): void;
}

/** The cache file of a bundle. */
export function codeCacheFile(bundleFile: string): string {
  return `${bundleFile}.v8-cache`;
}

/**
 * Imports of packages the bundle leaves out (PGlite, for `.sql` sources). A script compiled from
 * cached data loses the host options that `import()` inside it needs (nodejs/node#43663), so the
 * bundle build turns those imports into calls of this function, which imports from here.
 */
function importExternal(specifier: string): Promise<unknown> {
  return import(specifier);
}

/** Compiles and runs the CommonJS bundle at `bundleFile`, with its code cache when there is one. */
export function loadCachedBundle<Exports>(bundleFile: string): CachedBundle<Exports> {
  const cacheFile = codeCacheFile(bundleFile);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const source = readFileSync(bundleFile, 'utf8');
  // The parameters of a CommonJS module, and the bundle build's name for importExternal.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __rrImportExternal) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundleFile, cachedData });
  const codeCache: CodeCacheOutcome = cachedData === undefined ? 'absent' : script.cachedDataRejected === true ? 'rejected' : 'hit';
  const module = { exports: {} as Exports };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile), importExternal);
  return {
    exports: module.exports,
    codeCache,
    writeCodeCache: () => {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    },
  };
}
