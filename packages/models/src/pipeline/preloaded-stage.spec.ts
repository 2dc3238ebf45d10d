import { describe, expect, it } from 'vitest';

import { Pipeline } from './pipeline.js';
import { preloadedStage } from './preloaded-stage.js';
import type { Stage } from './stage.js';

const double: Stage<number, number> = { name: 'double', concurrent: true, run: async (n) => n * 2 };

describe('preloadedStage', () => {
  it('starts loading when it is made, before any stage runs, and runs what it loaded', async () => {
    const events: string[] = [];
    const first: Stage<number, number> = {
      name: 'first',
      concurrent: true,
      run: async (n) => {
        events.push('first runs');
        return n + 1;
      },
    };
    const later = preloadedStage('double', true, async () => {
      events.push('loading');
      return double;
    });
    expect(events).toEqual(['loading']);
    const { output, stages } = await Pipeline.of('p', first).then(later).execute(1);
    expect(output).toBe(4);
    expect(events).toEqual(['loading', 'first runs']);
    expect(stages.map((s) => s.stage)).toEqual(['first', 'double']);
  });

  it('carries its name and whether it may run beside others', () => {
    const stage = preloadedStage('render', false, async () => double);
    expect([stage.name, stage.concurrent]).toEqual(['render', false]);
  });

  it('reports a failed load when it runs, and never as an unhandled rejection before that', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const broken = preloadedStage<number, number>('map', true, async () => {
        throw new Error('cannot load the mapper');
      });
      // Node reports an unhandled rejection once the microtasks have run, before the next macrotask.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      await expect(Pipeline.of('p', double).then(broken).execute(1)).rejects.toThrow('cannot load the mapper');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
