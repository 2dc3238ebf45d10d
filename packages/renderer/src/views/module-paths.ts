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

/** A relative specifier from one generated file to another, both given from the output root. */
export function specifier(from: string, to: string, paths: ModulePaths): string {
  const depth = from.split('/').length - 1;
  const prefix = depth === 0 ? './' : '../'.repeat(depth);
  return `${prefix}${to.replace(/\.ts$/, '')}${paths.extension}`;
}

/**
 * A configured type import, as written from a generated file. Relative specifiers in the
 * configuration are relative to the output directory and get the import extension when they
 * have none; package names are left alone.
 */
export function typeImportSpecifier(from: string, configured: string, paths: ModulePaths): string {
  if (!configured.startsWith('./') && !configured.startsWith('../')) return configured;
  const withExtension = /\.[cm]?[jt]s$/.test(configured) ? configured : configured + paths.extension;
  const depth = from.split('/').length - 1;
  if (depth === 0) return withExtension;
  const up = '../'.repeat(depth);
  return withExtension.startsWith('./') ? up + withExtension.slice(2) : up + withExtension;
}
