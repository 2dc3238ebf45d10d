/**
 * Ordering and identity helpers. Output order must not depend on the locale or on the order of
 * the input lists, so every sort goes through code-point comparison (never `localeCompare`).
 */

/** Characters whose UTF-16 order can differ from their code-point order: surrogates and U+E000–U+FFFF. */
const MAY_REORDER = /[\ud800-\uffff]/;

/**
 * Compares by Unicode code point. Plain `<` compares UTF-16 code units, which puts characters
 * above U+FFFF (surrogate pairs) before U+E000–U+FFFF; this corrects that case.
 */
export function compareCodePoints(a: string, b: string): number {
  // Equal strings are common in sorts by several keys (diagnostics of one table share `where`).
  if (a === b) return 0;
  // Below U+D800 a code unit is its code point, so the engine's own comparison is exact and
  // much cheaper than the loop (above all in a fresh process, where the loop is interpreted).
  if (!MAY_REORDER.test(a) && !MAY_REORDER.test(b)) return a < b ? -1 : 1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Compares lists of strings element by element, then by length. */
export function compareStringLists(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareCodePoints(a[i] as string, b[i] as string);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Sorted copy by a string key. */
export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareCodePoints(a.key, b.key))
    .map((entry) => entry.item);
}

export function tableKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

export function columnKey(schema: string, table: string, column: string): string {
  return `${schema}.${table}.${column}`;
}

/** Same members regardless of order. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  // Most key column sets have one column: no set to build.
  if (a.length === 1) return a[0] === b[0];
  const set = new Set(a);
  if (set.size !== a.length) return false;
  return b.every((item) => set.has(item));
}

/** Canonical identity of a column set, independent of order. */
export function columnSetKey(columns: readonly string[]): string {
  // Most keys have one column; a column name cannot contain NUL, so it is its own key.
  if (columns.length === 1) return columns[0] as string;
  // Two-column keys are the next most common; they need no sorted copy.
  if (columns.length === 2) {
    const [a, b] = columns as readonly [string, string];
    return compareCodePoints(a, b) <= 0 ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  }
  return [...columns].sort(compareCodePoints).join('\u0000');
}
