import { mergeConfig } from 'vitest/config';

import { rrVitestConfig } from '../tools/vitest-preset.ts';

// Every spec drives real nx processes (each 2–10 s, several forked tasks): files run one at a
// time so that the parallelism spec measures Nx's scheduling, not contention with other specs.
export default mergeConfig(rrVitestConfig(import.meta.dirname), {
  test: {
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
