/**
 * Read-only checks of the real directory tree under the output directory, done before anything
 * is written. A lexically safe path can still leave the output directory through a symbolic link
 * (`models -> /etc`), so every directory the run writes into or deletes from is looked at.
 * Synchronous on purpose: a run touches few directories, and the Tree adapter is synchronous.
 */

import { lstatSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { errnoCode, OutputNotWritableError, UnsafePathError, type PathViolation } from './errors.js';
import { depthOf, directoryOf, parentDirectories } from './paths.js';

export type DirectoryState = 'directory' | 'missing' | 'not-a-directory';

/**
 * The real path of the output directory, or `undefined` when it does not exist yet. The output
 * directory itself may be a symlink: that is the caller's choice, and escapes are judged against
 * where it really is.
 */
export function realOutputDir(outputDir: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(outputDir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw new OutputNotWritableError(outputDir, `cannot resolve the output directory (${errnoCode(error) ?? String(error)})`, 'Check its permissions.', { cause: error });
  }
  if (!statSync(real).isDirectory()) {
    throw new OutputNotWritableError(outputDir, 'the output directory is a file', 'Point the writer at a directory, or move the file away.');
  }
  return real;
}

/**
 * The state of every parent directory of `paths` (plus `''` for the output directory itself).
 * Throws `UnsafePathError` listing every symlink that leads out of the output directory.
 */
export function inspectParentDirectories(outputDir: string, realRoot: string | undefined, paths: Iterable<string>): Map<string, DirectoryState> {
  const states = new Map<string, DirectoryState>([['', realRoot === undefined ? 'missing' : 'directory']]);
  const directories = new Set<string>();
  for (const path of paths) for (const parent of parentDirectories(path)) directories.add(parent);
  const violations: PathViolation[] = [];

  // Parents first, so a missing or blocked directory settles its whole subtree without a syscall.
  for (const dir of [...directories].sort((a, b) => depthOf(a) - depthOf(b))) {
    const parentState = states.get(directoryOf(dir));
    if (parentState !== 'directory' || realRoot === undefined) {
      states.set(dir, parentState === 'not-a-directory' ? 'not-a-directory' : 'missing');
      continue;
    }
    const absolute = join(outputDir, dir);
    let stats;
    try {
      stats = lstatSync(absolute);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw unreadable(absolute, error);
      states.set(dir, 'missing');
      continue;
    }
    if (!stats.isSymbolicLink()) {
      states.set(dir, stats.isDirectory() ? 'directory' : 'not-a-directory');
      continue;
    }
    const escape = symlinkEscapeReason(absolute, realRoot);
    if (escape) {
      violations.push({ path: dir, reason: escape });
      states.set(dir, 'not-a-directory');
      continue;
    }
    states.set(dir, statSync(absolute).isDirectory() ? 'directory' : 'not-a-directory');
  }
  if (violations.length > 0) throw new UnsafePathError(outputDir, violations);
  return states;
}

/** Why the symbolic link at `absolute` is unsafe (its target is outside `realRoot` or cannot be resolved), or `undefined`. */
export function symlinkEscapeReason(absolute: string, realRoot: string): string | undefined {
  let target: string;
  try {
    target = realpathSync(absolute);
  } catch {
    return 'symbolic link whose target cannot be resolved';
  }
  return isInside(target, realRoot) ? undefined : `symbolic link to ${target}, outside the output directory`;
}

function isInside(candidate: string, root: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

function unreadable(path: string, error: unknown): OutputNotWritableError {
  return new OutputNotWritableError(path, `cannot be inspected (${errnoCode(error) ?? String(error)})`, 'Check its permissions.', { cause: error });
}
