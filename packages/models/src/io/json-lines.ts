/**
 * A large cache entry as JSON lines: a head object, then one item per line. Written line by line
 * (see writeFileAtomic), so storing a model set or a snapshot never makes one string of its size;
 * on musicbrainz a single JSON.stringify added ~13 MiB to a cold run's peak. `onItem` sees each
 * item's JSON text as it is made, for a caller that wants more of it than the line.
 */
export function* jsonLines(head: unknown, items: readonly unknown[], onItem?: (json: string) => void): Generator<string> {
  yield `${JSON.stringify(head)}\n`;
  for (const item of items) {
    const json = JSON.stringify(item);
    onItem?.(json);
    yield `${json}\n`;
  }
}

/** The lines of `jsonLines` text, the head's first; throws on anything else (callers treat that as a miss). */
export function jsonLineTexts(text: string): { readonly head: string; readonly items: string[] } {
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('truncated JSON lines');
  lines.pop();
  const [head, ...items] = lines;
  if (head === undefined) throw new Error('empty JSON lines');
  return { head, items };
}

/** The head and items of `jsonLines` text, parsed; throws on anything else. */
export function parseJsonLines(text: string): { readonly head: unknown; readonly items: unknown[] } {
  const { head, items } = jsonLineTexts(text);
  return { head: JSON.parse(head), items: items.map((line) => JSON.parse(line) as unknown) };
}
