/**
 * A large cache entry as JSON lines: a head object, then one item per line. Written line by line
 * (see writeFileAtomic), so storing a model set or a snapshot never makes one string of its size;
 * on musicbrainz a single JSON.stringify added ~13 MiB to a cold run's peak.
 */
export function* jsonLines(head: unknown, items: readonly unknown[]): Generator<string> {
  yield `${JSON.stringify(head)}\n`;
  for (const item of items) yield `${JSON.stringify(item)}\n`;
}

/** The head and items of `jsonLines` text; throws on anything else (callers treat that as a miss). */
export function parseJsonLines(text: string): { readonly head: unknown; readonly items: unknown[] } {
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('truncated JSON lines');
  lines.pop();
  const [first, ...rest] = lines;
  if (first === undefined) throw new Error('empty JSON lines');
  return { head: JSON.parse(first), items: rest.map((line) => JSON.parse(line) as unknown) };
}
