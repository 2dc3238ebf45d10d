import { mapSchema, type MapperConfig, type ModelSet } from '@rr/mapper';

import { ModelCache } from '../model-cache.js';
import type { Stage } from '../stage.js';
import type { CacheOutcome, Introspected } from './introspect.js';

export interface Mapped extends Introspected {
  readonly modelSet: ModelSet;
  /** `hit` when the model set was read back from the model cache; `off` without one. */
  readonly modelCache: CacheOutcome;
  /**
   * Stores a miss's entry, once the files are written (see `storeSchemaCache`), or before the
   * render keys are made when a run needs them (render.ts); resolves to a warning when it could
   * not. Called again, it stores nothing and resolves as the first call did.
   */
  readonly storeModelCache?: () => Promise<string | null>;
}

/**
 * Snapshot → model set. The configuration is resolved by the caller, before any stage runs.
 * With a cache, the set mapped from the same snapshot and configuration last time is reused.
 */
export function mapStage(config: MapperConfig, cache: ModelCache | null = null): Stage<Introspected, Mapped> {
  return {
    name: 'map',
    concurrent: true,
    async run(input) {
      if (cache === null) return { ...input, modelSet: mapSchema(input.snapshot, config), modelCache: 'off' };
      const key = ModelCache.key(input.snapshot.fingerprint, config);
      const cached = await cache.read(key);
      if (cached !== undefined) return { ...input, modelSet: cached, modelCache: 'hit' };
      const modelSet = mapSchema(input.snapshot, config);
      let stored: Promise<string | null> | undefined;
      const storeModelCache = () =>
        (stored ??= cache.write(key, modelSet).then(
          () => null,
          (error: unknown) => `model cache: could not store ${cache.file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next run maps the schema again.`,
        ));
      return { ...input, modelSet, modelCache: 'miss', storeModelCache };
    },
  };
}
