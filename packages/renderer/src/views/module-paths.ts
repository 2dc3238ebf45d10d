/** Where each generated module lives under the output directory, and how modules import each other. */

export interface ModulePaths {
  /** `''` or `.js`, appended to every relative import between generated modules. */
  readonly extension: string;
}

export const SCHEMA_FILE = 'schema.ts';
export const QUERIES_FILE = 'queries.ts';
export const MUTATORS_FILE = 'mutators.ts';
export const SUPPORT_FILE = 'support.ts';
export const INDEX_FILE = 'index.ts';

export const modelFile = (fileName: string): string => `models/${fileName}.ts`;
export const recordFile = (fileName: string): string => `records/${fileName}.ts`;

/** The files that list every model (rendered with `parts: 'shared'`). */
export const SHARED_FILES: readonly string[] = [INDEX_FILE, MUTATORS_FILE, QUERIES_FILE, SCHEMA_FILE, SUPPORT_FILE];

/** The files that depend on one model alone (rendered with `parts: 'per-model'`), by its file name. */
export function modelPaths(fileName: string): readonly string[] {
  return [modelFile(fileName), recordFile(fileName)];
}

/** A relative specifier from one generated file to another, both given from the output root. */
export function specifier(from: string, to: string, paths: ModulePaths): string {
  // Called for every import of every file (thousands for a large schema): counted, not split.
  let depth = 0;
  for (let i = from.indexOf('/'); i >= 0; i = from.indexOf('/', i + 1)) depth++;
  const prefix = depth === 0 ? './' : '../'.repeat(depth);
  return prefix + (to.endsWith('.ts') ? to.slice(0, -3) : to) + paths.extension;
}

/**
 * A configured type import as the schema module (at the output root) writes it: relative
 * specifiers in the configuration are relative to the output directory and get the import
 * extension when they have none; package names are left alone. The other modules import
 * configured types from the schema module, which re-exports them.
 */
export function typeImportSpecifier(configured: string, paths: ModulePaths): string {
  if (!configured.startsWith('./') && !configured.startsWith('../')) return configured;
  return /\.[cm]?[jt]s$/.test(configured) ? configured : configured + paths.extension;
}
