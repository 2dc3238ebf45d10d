/**
 * How a parallel pipeline combines its stages' outputs. `keysOf` names what an output
 * contributes, so overlap is found the same way whatever the output's shape.
 */
export interface Merge<O> {
  readonly keysOf: (output: O) => Iterable<string>;
  /** Called only when no key has two producers; `outputs` are in stage order. */
  readonly combine: (outputs: readonly O[]) => O;
}

/** Objects keyed by name: `{ a: … }` and `{ b: … }` become `{ a: …, b: … }`. */
export function byName<T>(): Merge<Readonly<Record<string, T>>> {
  return {
    keysOf: (output) => Object.keys(output),
    combine: (outputs) => Object.assign({}, ...outputs) as Readonly<Record<string, T>>,
  };
}

/** Arrays of items keyed by `keyOf` (files by path): concatenated in stage order. */
export function byKey<T>(keyOf: (item: T) => string): Merge<readonly T[]> {
  return {
    keysOf: (output) => output.map(keyOf),
    combine: (outputs) => outputs.flat(),
  };
}
