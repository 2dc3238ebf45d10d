import type { Stage } from './stage.js';

/**
 * A stage whose code starts loading when the pipeline is put together and is awaited only when
 * the stage runs. The modules load while the stages before it wait, in a cold run mostly on the
 * database's answers, instead of before the first stage starts.
 */
export function preloadedStage<I, O>(name: string, concurrent: boolean, load: () => Promise<Stage<I, O>>): Stage<I, O> {
  const loading = load();
  // A failed load is the run's error when the stage runs; until then it must not be unhandled.
  loading.catch(() => undefined);
  return {
    name,
    concurrent,
    async run(input, context) {
      return (await loading).run(input, context);
    },
  };
}
