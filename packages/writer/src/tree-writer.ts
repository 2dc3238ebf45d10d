/**
 * The same decisions as the disk writer, carried out on an Nx `Tree`, so a generator writes
 * through it and `nx g … --dry-run` shows exactly what would change. Nx applies the Tree to disk
 * in one go when the generator finishes, so there is no lock, no temporary file and no
 * write-ahead manifest here.
 */

import { existsSync, lstatSync } from 'node:fs';
import { join, posix } from 'node:path';
import { inspectParentDirectories, realOutputDir, symlinkEscapeReason } from './disk-inspection.js';
import { InvalidInputError, OutOfDateError, OutputNotWritableError, UnsafePathError, type PathViolation } from './errors.js';
import { MANIFEST_FILE_NAME, parseManifest, type Manifest } from './manifest.js';
import { resolveOptions, type WriteOptions } from './options.js';
import { depthOf, directoryOf, parentDirectories } from './paths.js';
import { buildReport, isWrite, MISSING, NOT_A_FILE, Planner, type Observation } from './plan.js';
import { prepareFiles, type PreparedFile } from './prepare.js';
import { NO_OPERATIONS, type WriteReport } from './report.js';
import type { WritableFile } from './writable-file.js';

/**
 * The part of `@nx/devkit`'s `Tree` the writer uses. Structural, so a real Tree satisfies it
 * without the writer depending on Nx at run time.
 */
export interface WriterTree {
  /** Workspace root on disk; paths given to the other methods are relative to it. */
  readonly root: string;
  read(filePath: string): Buffer | null;
  write(filePath: string, content: Buffer | string): void;
  exists(filePath: string): boolean;
  isFile(filePath: string): boolean;
  delete(filePath: string): void;
}

/** `outputDir` is relative to the workspace root (`libs/models/src/generated`). */
export function writeFilesToTree(tree: WriterTree, outputDir: string, files: readonly WritableFile[], options: WriteOptions = {}): WriteReport {
  const resolved = resolveOptions(options);
  const base = treeDirectory(tree, outputDir);
  const inTree = (path: string) => (base === '' ? path : `${base}/${path}`);
  const prepared = prepareFiles(files, base === '' ? '.' : base);

  const manifestPath = inTree(MANIFEST_FILE_NAME);
  const manifestBytes = tree.read(manifestPath);
  const manifestText = manifestBytes === null ? undefined : manifestBytes.toString('utf8');
  const manifest: Manifest = manifestText === undefined ? new Map() : parseManifest(manifestText, manifestPath);
  const wanted = new Set(prepared.map((file) => file.path));
  const orphans = [...manifest.values()].filter((entry) => !wanted.has(entry.path));

  checkDiskBeneath(join(tree.root, base), [...wanted, ...orphans.map((entry) => entry.path)]);
  checkParentsAreDirectories(tree, base, prepared, inTree);

  const planner = new Planner(base, manifest, resolved.force);
  let filesRead = 0;
  const observe = (path: string): Observation => {
    const bytes = tree.read(inTree(path));
    if (bytes !== null) {
      filesRead++;
      return { kind: 'file', bytes };
    }
    return tree.exists(inTree(path)) ? NOT_A_FILE : MISSING;
  };
  const plan = planner.plan(
    [...prepared.map((file) => planner.wanted(file, observe(file.path))), ...orphans.map((entry) => planner.orphan(entry, observe(entry.path)))],
    manifestText,
  );

  if (resolved.mode !== 'write') {
    const report = buildReport(resolved.mode, base, plan, NO_OPERATIONS, filesRead);
    if (resolved.mode === 'check' && !report.upToDate) throw new OutOfDateError(report);
    return report;
  }

  let fileWrites = 0;
  let fileDeletions = 0;
  const writes = plan.files.filter(isWrite);
  const deletions = plan.files.filter((file) => file.action === 'delete');

  const directoriesNeeded = new Set(writes.length === 0 ? [] : treeAncestors(base));
  for (const file of writes) for (const dir of parentDirectories(file.path)) directoriesNeeded.add(inTree(dir));
  const directoriesCreated = [...directoriesNeeded].filter((dir) => !tree.exists(dir)).length;
  for (const file of writes) {
    tree.write(inTree(file.path), file.bytes);
    fileWrites++;
  }

  const emptiedCandidates = new Set<string>();
  for (const file of deletions) {
    for (const dir of parentDirectories(file.path)) emptiedCandidates.add(inTree(dir));
    tree.delete(inTree(file.path));
    fileDeletions++;
  }
  // Nx's Tree drops a directory when its last file goes; count those the way the disk writer counts its rmdirs.
  const directoriesRemoved = [...emptiedCandidates].filter((dir) => !tree.exists(dir)).length;

  if (plan.manifestChanged && plan.manifestText !== undefined) {
    tree.write(manifestPath, plan.manifestText);
    fileWrites++;
  }
  return buildReport('write', base, plan, { fileWrites, fileDeletions, directoriesCreated, directoriesRemoved }, filesRead);
}

function treeDirectory(tree: WriterTree, outputDir: string): string {
  const slashed = outputDir.replace(/\\/g, '/');
  const rootSlashed = tree.root.replace(/\\/g, '/');
  const relativeToRoot = posix.isAbsolute(slashed) ? posix.relative(rootSlashed, slashed) : slashed;
  const normalized = posix.normalize(relativeToRoot === '' ? '.' : relativeToRoot).replace(/\/+$/, '');
  if (normalized === '.') return '';
  if (normalized === '..' || normalized.startsWith('../') || posix.isAbsolute(normalized)) {
    throw new InvalidInputError([`output directory ${outputDir} is outside the workspace root ${tree.root}`]);
  }
  return normalized;
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`. */
function treeAncestors(dir: string): string[] {
  return dir === '' ? [] : [...parentDirectories(dir), dir];
}

/**
 * Nx writes a Tree to disk with plain writes, which follow symlinks. When the Tree sits on a real
 * workspace, look at the disk beneath it for links that lead out of the output directory.
 */
function checkDiskBeneath(diskOutputDir: string, paths: readonly string[]): void {
  if (!existsSync(diskOutputDir)) return;
  const realRoot = realOutputDir(diskOutputDir);
  if (realRoot === undefined) return;
  const directories = inspectParentDirectories(diskOutputDir, realRoot, paths);
  const violations: PathViolation[] = [];
  for (const path of paths) {
    if (directories.get(directoryOf(path)) !== 'directory') continue;
    const absolute = join(diskOutputDir, path);
    let isLink = false;
    try {
      isLink = lstatSync(absolute).isSymbolicLink();
    } catch {
      continue;
    }
    const escape = isLink ? symlinkEscapeReason(absolute, realRoot) : undefined;
    if (escape) violations.push({ path, reason: escape });
  }
  if (violations.length > 0) throw new UnsafePathError(diskOutputDir, violations);
}

function checkParentsAreDirectories(tree: WriterTree, base: string, prepared: readonly PreparedFile[], inTree: (path: string) => string): void {
  const seen = new Set<string>();
  const dirs = [...treeAncestors(base), ...prepared.flatMap((file) => parentDirectories(file.path).map(inTree))];
  for (const dir of dirs.sort((a, b) => depthOf(a) - depthOf(b))) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    if (tree.isFile(dir)) {
      throw new OutputNotWritableError(dir, 'is a file, but files must be written inside it', 'Move it out of the way and run again.');
    }
  }
}
