import { readFile } from 'node:fs/promises';

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

/** A `jsonLines` file read whole, of which only the head line is decoded until `text` is asked for. */
export interface JsonLinesFile {
  readonly head: string;
  text(): string;
}

/**
 * Reads a `jsonLines` file for a caller that decides from its head whether it wants the rest (a
 * cache entry whose key no longer matches): a miss then never decodes or splits the items
 * (for musicbrainz's model set, 3.9 MB). Throws when there is no head line.
 */
export async function readJsonLinesFile(file: string): Promise<JsonLinesFile> {
  const bytes = await readFile(file);
  // A newline byte never occurs inside a multi-byte UTF-8 sequence, so the head decodes on its own.
  const end = bytes.indexOf(0x0a);
  if (end < 0) throw new Error('truncated JSON lines');
  return { head: bytes.toString('utf8', 0, end), text: () => bytes.toString('utf8') };
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
