/**
 * Lexical rules for paths inside the output directory. Paths are POSIX, relative and canonical:
 * the renderer produces them, so anything else is a bug or an attack, never something to fix up.
 */

import { sep } from 'node:path';

/** Name of the temporary file a write goes through; it sits in the same directory as the target so the rename is atomic. */
export function temporaryName(baseName: string, pid: number, sequence: number): string {
  return `.${baseName}.${pid}.${sequence}.rr-tmp`;
}

/** Matches names made by `temporaryName`; such files are leftovers of a killed run. */
export const TEMPORARY_NAME_PATTERN = /^\..+\.\d+\.\d+\.rr-tmp$/;

/** Why `path` is not a safe relative path, or `undefined` when it is. */
export function unsafePathReason(path: string): string | undefined {
  if (path.length === 0) return 'empty path';
  if (path.includes('\0')) return 'contains a NUL character';
  if (path.includes('\\')) return 'contains a backslash (paths are POSIX, and a backslash is a separator on Windows)';
  if (path.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'absolute Windows path (drive letter)';
  for (const segment of path.split('/')) {
    if (segment === '..') return "contains a '..' segment";
    if (segment === '.') return "contains a '.' segment (paths must be canonical)";
    if (segment === '') return 'contains an empty segment (leading, trailing or doubled slash)';
  }
  return undefined;
}

/**
 * `join(root, path)` for a `root` made by `resolve` and a `path` that `unsafePathReason` passed:
 * both are already normalized, so they are only put together. `join` normalizes them again,
 * character by character, which for each of a thousand files was milliseconds of a cold run.
 */
export function beneath(root: string, path: string): string {
  const local = sep === '/' ? path : path.replaceAll('/', sep);
  return root.endsWith(sep) ? `${root}${local}` : `${root}${sep}${local}`;
}

/** Directories that must exist for `path`, outermost first: `a/b/c.ts` → `a`, `a/b`. */
export function parentDirectories(path: string): string[] {
  const parents: string[] = [];
  let slash = path.indexOf('/');
  while (slash >= 0) {
    parents.push(path.slice(0, slash));
    slash = path.indexOf('/', slash + 1);
  }
  return parents;
}

export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function baseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Code-unit order: the same on every machine and locale, which keeps reports and the manifest deterministic. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Number of segments; sorting directories by depth lets us create parents before children and remove children before parents. */
export function depthOf(path: string): number {
  let depth = path.length === 0 ? 0 : 1;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 0x2f) depth++;
  return depth;
}
