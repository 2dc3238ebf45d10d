/**
 * How far V8's young generation may grow in a process rrgen owns (docs/performance.md, Knobs).
 *
 * V8 doubles the young generation while much of it survives each collection, up to 16 MiB per
 * semi-space. Kept at its first size (1 MiB), a cold musicbrainz run collected it about 200 times;
 * let grow all the way, the run held about 25 MiB more. Grown to 4 MiB per semi-space and held
 * there, the same run makes about 50 collections, finishes sooner and holds about 3 MiB more.
 *
 * Only the growth factor can still be changed once the heap exists (`--max-semi-space-size` is
 * fixed when it is made), and V8 reads it at each growth. So the young generation grows by
 * V8's own default factor, and a collection that leaves it at the cap sets the factor to 1.
 * Collections are reported a turn of the event loop later, so a long synchronous stretch can
 * grow it one step past the cap before the factor is set; rr's stages yield between batches.
 */

import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The new space, both semi-spaces as `v8.getHeapSpaceStatistics()` reports it, that rrgen lets the young generation reach. */
export const NEW_SPACE_CAP_BYTES = 8 * 2 ** 20;

/** V8's own growth factor, which rrgen runs under until the cap and which a code cache is made under. */
const V8_GROWTH_FACTOR = 2;

export interface YoungGenerationCap {
  /** Stops watching and gives V8 back its own growth factor, as the flags were when the code cache was loaded. */
  release(): void;
}

/** The new space's size now, both semi-spaces. */
export function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/** Lets the young generation grow until the new space is `capBytes`, then keeps it there. */
export function capYoungGeneration(capBytes: number = NEW_SPACE_CAP_BYTES): YoungGenerationCap {
  const growthFactor = (factor: number) => setFlagsFromString(`--semi-space-growth-factor=${factor}`);
  const observer = new PerformanceObserver(() => {
    if (newSpaceBytes() < capBytes) return;
    growthFactor(1);
    observer.disconnect();
  });
  growthFactor(V8_GROWTH_FACTOR);
  observer.observe({ entryTypes: ['gc'] });
  return {
    release: () => {
      observer.disconnect();
      growthFactor(V8_GROWTH_FACTOR);
    },
  };
}
