/**
 * Runs the rrgen bundle from V8's code cache. A cold run spends much of its time compiling rr's
 * functions the first time each is called; the cache, written when the bundle is built, holds the
 * bytecode of every function a generation of the shop example called, so a run deserializes it
 * instead (docs/performance.md, Start-up). Node 20 has no code cache for ES modules, so the CLI's
 * bundle is CommonJS, compiled here with `vm.Script`.
 *
 * V8 checks a cache against its own version and flags and rejects one that does not match: the
 * run then compiles as it would without one, only slower. But of the source it checks only the
 * length, and it trusts the bytes: a damaged cache stops the process with a fatal error (seen on
 * Node 20.20). So the file begins with CRC-32s of the bundle it was made from and of the cache
 * itself, and a cache whose sums do not hold is not given to V8 (both take under 1 ms).
 */

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/** The cache file's header: the CRC-32 of the bundle, then of the cached data, big-endian. */
const HEADER_BYTES = 8;

/**
 * Whether the code cache was used: `hit`; `rejected` by V8 (another Node, other flags) or by the
 * header (made from another bundle, or damaged); `absent`.
 */
export type CodeCacheOutcome = 'hit' | 'rejected' | 'absent';

/** How the process that runs rrgen started, as `bin/rrgen.cjs` tells the CLI. */
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
  const bundleBytes = readFileSync(bundleFile);
  const bundleSum = crc32(bundleBytes);
  const cache = existsSync(cacheFile) ? cachedDataOf(readFileSync(cacheFile), bundleSum) : 'absent';
  const cachedData = typeof cache === 'string' ? undefined : cache;
  // The parameters of a CommonJS module, and the bundle build's name for importExternal.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __rrImportExternal) {${bundleBytes.toString('utf8')}\n})`;
  const script = new Script(wrapped, { filename: bundleFile, cachedData });
  const codeCache: CodeCacheOutcome = typeof cache === 'string' ? cache : script.cachedDataRejected === true ? 'rejected' : 'hit';
  const module = { exports: {} as Exports };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile), importExternal);
  return {
    exports: module.exports,
    codeCache,
    writeCodeCache: () => {
      const data = script.createCachedData();
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt32BE(bundleSum, 0);
      header.writeUInt32BE(crc32(data), 4);
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, Buffer.concat([header, data]));
      renameSync(temporary, cacheFile);
    },
  };
}

/** The cached data in a cache file, if its header says it was made from this bundle and is whole. */
function cachedDataOf(file: Buffer, bundleSum: number): Buffer | 'rejected' {
  if (file.length <= HEADER_BYTES || file.readUInt32BE(0) !== bundleSum) return 'rejected';
  const data = file.subarray(HEADER_BYTES);
  return file.readUInt32BE(4) === crc32(data) ? data : 'rejected';
}
