import { mapSchema, type MapperConfig, type ModelSet } from '@rr/mapper';

import type { Stage } from '../stage.js';
import type { Introspected } from './introspect.js';

export interface Mapped extends Introspected {
  readonly modelSet: ModelSet;
}

/** Snapshot → model set. The configuration is resolved by the caller, before any stage runs. */
export function mapStage(config: MapperConfig): Stage<Introspected, Mapped> {
  return {
    name: 'map',
    concurrent: true,
    run: async (input) => ({ ...input, modelSet: mapSchema(input.snapshot, config) }),
  };
}
