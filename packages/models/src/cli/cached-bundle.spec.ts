import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { codeCacheFile, loadCachedBundle } from './cached-bundle.js';

interface Exports {
  readonly sum: (a: number, b: number) => number;
  readonly here: string;
  readonly importPath: () => Promise<{ readonly sep: string }>;
}

/** A CommonJS bundle as the build makes one: module.exports, require, and PGlite's import turned into a call. */
const BUNDLE = [
  'const { sep } = require("node:path");',
  'module.exports = {',
  '  sum: (a, b) => a + b,',
  '  here: __dirname + sep,',
  '  importPath: () => __rrImportExternal("node:path"),',
  '};',
].join('\n');

describe('loadCachedBundle', () => {
  let dir: string;
  let bundle: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-cached-bundle-'));
    bundle = join(dir, 'bundle.cjs');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a bundle without a cache as a CommonJS module and says the cache is absent', () => {
    writeFileSync(bundle, BUNDLE);
    const loaded = loadCachedBundle<Exports>(bundle);
    expect(loaded.codeCache).toBe('absent');
    expect(loaded.exports.sum(2, 3)).toBe(5);
    expect(loaded.exports.here).toBe(join(dir, '/'));
  });

  it('runs the next load from the cache the last one wrote, and its imports still work', async () => {
    writeFileSync(bundle, BUNDLE);
    const first = loadCachedBundle<Exports>(bundle);
    first.exports.sum(1, 1);
    first.writeCodeCache();
    const second = loadCachedBundle<Exports>(bundle);
    expect(second.codeCache).toBe('hit');
    expect(second.exports.sum(20, 22)).toBe(42);
    // What a script compiled from cached data cannot do with import() itself.
    expect((await second.exports.importPath()).sep).toBe('/');
  });

  // A bundle of another length V8 rejects itself; one of the same length it would take and run
  // the old bytecode, so the header has to.
  it.each([
    { change: 'another length', edited: 'a + b + 0', sum: 5 },
    { change: 'the same length', edited: 'a - b', sum: -1 },
  ])('rejects the cache of a bundle since edited to $change, and runs the bundle as it now is', ({ edited, sum }) => {
    writeFileSync(bundle, BUNDLE);
    loadCachedBundle<Exports>(bundle).writeCodeCache();
    writeFileSync(bundle, BUNDLE.replace('a + b', edited));
    const loaded = loadCachedBundle<Exports>(bundle);
    expect(loaded.codeCache).toBe('rejected');
    expect(loaded.exports.sum(2, 3)).toBe(sum);
  });

  it('never gives V8 a damaged cache, which would stop the process, nor a cut one', () => {
    writeFileSync(bundle, BUNDLE);
    loadCachedBundle<Exports>(bundle).writeCodeCache();
    const whole = readFileSync(codeCacheFile(bundle));
    const damaged = Buffer.from(whole);
    for (let i = 16; i < damaged.length; i += 7) damaged[i] = (damaged[i] ?? 0) ^ 0x5a;
    for (const file of [damaged, whole.subarray(0, whole.length >> 1), whole.subarray(0, 4)]) {
      writeFileSync(codeCacheFile(bundle), file);
      const loaded = loadCachedBundle<Exports>(bundle);
      expect(loaded.codeCache).toBe('rejected');
      expect(loaded.exports.sum(2, 3)).toBe(5);
    }
  });

  it('keeps the cache beside the bundle', () => {
    expect(codeCacheFile(bundle)).toBe(`${bundle}.v8-cache`);
  });
});
