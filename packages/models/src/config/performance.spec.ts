import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { closest, levenshtein } from './closest.js';
import { DEFAULT_PROFILES, PARALLEL_MIN_MODELS, resolveProfile } from './performance.js';
import { ConfigError, DEFAULT_CONFIG, readRrConfig, readRrConfigText } from './rr-config.js';

const work = mkdtempSync(join(tmpdir(), 'rr-config-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = (data: unknown) => readRrConfigText(JSON.stringify(data), 'rr.config.json');
const failure = (data: unknown): ConfigError => {
  try {
    read(data);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('performance profiles in rr.config.json', () => {
  it('defaults: development serial, no schema cache, batch 10; staging parallel, cached, 50; production parallel, cached, 100, 500 MB; renders cached in all', () => {
    const shared = { parallelMinModels: PARALLEL_MIN_MODELS, renderWorkers: null, cacheRenders: true };
    expect(DEFAULT_CONFIG.performance).toEqual({
      development: { ...shared, parallel: false, cacheSchemas: true, batchSize: 10, memoryLimitMb: null },
      staging: { ...shared, parallel: true, cacheSchemas: true, batchSize: 50, memoryLimitMb: null },
      production: { ...shared, parallel: true, cacheSchemas: true, batchSize: 100, memoryLimitMb: 500 },
    });
    expect(read({}).performance).toEqual(DEFAULT_PROFILES);
  });

  it("fills what a profile leaves out from that profile's defaults; null lifts the memory limit", () => {
    const { performance } = read({ performance: { production: { batchSize: 200, memoryLimitMb: null }, development: { parallel: true } } });
    expect(performance.production).toEqual({ ...DEFAULT_PROFILES.production, batchSize: 200, memoryLimitMb: null });
    expect(performance.development).toEqual({ ...DEFAULT_PROFILES.development, parallel: true });
    expect(performance.staging).toEqual(DEFAULT_PROFILES.staging);
  });

  it.each([
    [{ performance: [] }, 'performance', /must be an object/],
    [{ performance: { production: 3 } }, 'performance.production', /must be an object/],
    [{ performance: { production: { batchSize: 0 } } }, 'performance.production.batchSize', /positive whole number, got 0/],
    [{ performance: { staging: { batchSize: -5 } } }, 'performance.staging.batchSize', /got -5/],
    [{ performance: { staging: { batchSize: 2.5 } } }, 'performance.staging.batchSize', /got 2\.5/],
    [{ performance: { staging: { batchSize: '50' } } }, 'performance.staging.batchSize', /got "50"/],
    [{ performance: { staging: { batchSize: null } } }, 'performance.staging.batchSize', /got null/],
    [{ performance: { production: { memoryLimitMb: 0 } } }, 'performance.production.memoryLimitMb', /positive whole number of megabytes, or null for no limit, got 0/],
    [{ performance: { development: { parallel: 'yes' } } }, 'performance.development.parallel', /true or false, got "yes"/],
    [{ performance: { development: { cacheSchemas: null } } }, 'performance.development.cacheSchemas', /true or false, got null/],
    [{ performance: { development: { batchsize: 5 } } }, 'performance.development.batchsize', /unknown key \(did you mean "batchSize"\?\); known keys here: parallel, parallelMinModels, renderWorkers, cacheSchemas, cacheRenders, batchSize, memoryLimitMb/],
    [{ performance: { production: { renderWorkers: 0 } } }, 'performance.production.renderWorkers', /positive whole number, or null to let rr choose from the cores, got 0/],
    [{ performance: { staging: { parallelMinModels: 0 } } }, 'performance.staging.parallelMinModels', /positive whole number, got 0/],
    [{ performance: { development: { cacheRenders: 1 } } }, 'performance.development.cacheRenders', /true or false, got 1/],
    [{ performance: { prod: {} } }, 'performance.prod', /unknown key; known keys here: development, staging, production/],
    [{ performance: { productoin: {} } }, 'performance.productoin', /did you mean "production"/],
  ])('%j is refused, naming %s', (data, key, message) => {
    const error = failure(data);
    expect(error.code).toBe('RR_CONFIG_INVALID');
    expect(error.key).toBe(key);
    expect(error.file).toBe('rr.config.json');
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`rr.config.json (${key}): `)).toBe(true);
  });

  it('an unknown top-level key suggests the closest known one', () => {
    expect(failure({ mapperr: {} }).message).toMatch(/\(mapperr\): unknown key \(did you mean "mapper"\?\)/);
    expect(failure({ perfromance: {} }).message).toMatch(/did you mean "performance"/);
    expect(failure({ zzz: 1 }).message).not.toMatch(/did you mean/);
  });

  it('readRrConfig reads the file and checks it the same way', () => {
    const file = join(work, 'rr.config.json');
    writeFileSync(file, JSON.stringify({ performance: { staging: { batchSize: 0 } } }));
    expect(() => readRrConfig(file)).toThrow(ConfigError);
    writeFileSync(file, JSON.stringify({ performance: { staging: { batchSize: 7 } } }));
    expect(readRrConfig(file).performance.staging.batchSize).toBe(7);
  });
});

describe('resolveProfile', () => {
  const config = read({ performance: { staging: { batchSize: 7 } } });

  it('--profile wins over NODE_ENV', () => {
    expect(resolveProfile(config, { profile: 'staging', env: { NODE_ENV: 'production' } })).toEqual({
      ...config.performance.staging,
      name: 'staging',
      chosenBy: '--profile',
      note: null,
    });
  });

  it('else NODE_ENV when it names a profile', () => {
    expect(resolveProfile(config, { env: { NODE_ENV: 'production' } })).toMatchObject({ name: 'production', chosenBy: 'NODE_ENV', memoryLimitMb: 500 });
  });

  it('else development, saying so when NODE_ENV named something else', () => {
    expect(resolveProfile(config, { env: {} })).toMatchObject({ name: 'development', chosenBy: 'default', note: null });
    expect(resolveProfile(config, { env: { NODE_ENV: 'test' } })).toMatchObject({
      name: 'development',
      chosenBy: 'default',
      note: 'NODE_ENV=test names no performance profile (development, staging, production); using development.',
    });
  });

  it('an unknown --profile is a ConfigError naming the flag and the three profiles', () => {
    expect(() => resolveProfile(config, { profile: 'prod', env: {} })).toThrow(ConfigError);
    const call = () => resolveProfile(config, { profile: 'stagign', env: {} });
    expect(call).toThrow(expect.objectContaining({ code: 'RR_CONFIG_INVALID', key: '--profile' }));
    expect(call).toThrow('command line (--profile): unknown profile "stagign" (did you mean staging?); use development, staging, production.');
  });
});

describe('closest', () => {
  it('measures edits', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('picks the nearest plausible candidate, or none when every one is far', () => {
    expect(closest('templateDir', ['mapper', 'templatesDir', 'importExtensions'])).toBe('templatesDir');
    expect(closest('MAPPER', ['mapper', 'performance'])).toBe('mapper');
    expect(closest('x', ['mapper', 'performance'])).toBeUndefined();
  });
});
