import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { mapSchema, resolveMapperConfig } from '@rr/mapper';
import { parseSnapshot } from '@rr/schema';

import { ModelCache } from './model-cache.js';

const BLOG_SNAPSHOT = resolve(import.meta.dirname, '../../../../examples/blog/rr.schema.json');
const work = mkdtempSync(join(tmpdir(), 'rr-model-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ModelCache', () => {
  const snapshot = parseSnapshot(readFileSync(BLOG_SNAPSHOT, 'utf8'), BLOG_SNAPSHOT).snapshot;
  const config = resolveMapperConfig();
  const set = mapSchema(snapshot, config);
  const cache = new ModelCache(join(work, 'cache'), join(work, 'out'));

  it('reads back the set stored under the same key', async () => {
    const key = ModelCache.key(snapshot.fingerprint, config);
    await cache.write(key, set);
    expect(await cache.read(key)).toEqual(JSON.parse(JSON.stringify(set)));
  });

  it("misses an entry of another key from its head alone: the models' lines are not even split", async () => {
    await cache.write(ModelCache.key(snapshot.fingerprint, config), set);
    const parse = vi.spyOn(JSON, 'parse');
    const split = vi.spyOn(String.prototype, 'split') as unknown as { mock: { calls: unknown[][] }; mockRestore(): void };
    try {
      expect(await cache.read(ModelCache.key('another snapshot', config))).toBeUndefined();
      expect(parse).toHaveBeenCalledTimes(1);
      expect(split.mock.calls.filter(([separator]) => separator === '\n')).toEqual([]);
    } finally {
      parse.mockRestore();
      split.mockRestore();
    }
  });
});
