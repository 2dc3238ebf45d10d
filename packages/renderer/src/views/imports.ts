import type { TypeImport } from '@rr/mapper';

import { list } from '../syntax/layout.js';
import { stringLiteral } from '../syntax/literals.js';
import { typeImportSpecifier, type ModulePaths } from './module-paths.js';

/** `import { a, b } from "x";` (or `import type`), broken one name per line when too long. */
export function importStatement(names: readonly string[], from: string, typeOnly = false): string {
  const keyword = typeOnly ? 'import type ' : 'import ';
  // Prettier never breaks an import of a single name, however long.
  if (names.length === 1) return `${keyword}{ ${names[0]} } from ${stringLiteral(from)};`;
  return `${keyword}${list('', '{', names, '}', ` from ${stringLiteral(from)};`, keyword.length)}`;
}

/** Configured type imports grouped by module, as the schema module writes them. */
export function typeImportsOf(imports: readonly TypeImport[], paths: ModulePaths): readonly { readonly from: string; readonly names: readonly string[] }[] {
  const groups = new Map<string, string[]>();
  for (const { name, from } of imports) {
    if (from === '@rocicorp/zero') continue; // already imported with the builders
    const specifier = typeImportSpecifier(from, paths);
    const names = groups.get(specifier) ?? [];
    if (!names.includes(name)) names.push(name);
    groups.set(specifier, names);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([from, names]) => ({ from, names: names.sort() }));
}
