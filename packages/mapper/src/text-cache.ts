/**
 * A memo of a pure function of a string, shared by every mapping run in the process: schemas
 * repeat the same identifiers, expressions and words on every run, and the answer depends only on
 * the text. Cleared when it reaches `limit` entries, so a long-lived process (an Nx daemon) does
 * not grow without bound. Values are shared: callers treat them as read-only.
 */
export class TextCache<V> {
  readonly #values = new Map<string, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The remembered value for `text`, else `compute(text)`, remembered. */
  get(text: string, compute: (text: string) => V): V {
    const known = this.#values.get(text);
    return known !== undefined ? known : this.remember(text, compute(text));
  }

  /** For values computed from more than the text: look up with `find`, store with `remember`. */
  find(text: string): V | undefined {
    return this.#values.get(text);
  }

  remember(text: string, value: V): V {
    if (this.#values.size >= this.#limit) this.#values.clear();
    this.#values.set(text, value);
    return value;
  }
}
