/**
 * Writes rendered files into a directory on disk.
 *
 * Planning reads the disk synchronously, in batches with a yield to the event loop between them:
 * for the many small files a generator writes, sync calls measured about 3× faster than
 * fs.promises here (2,000 reads: 17 ms against 53 ms). In write mode each file to write is staged
 * into a temporary file as soon as it is planned (see staging.ts), so contents are held one file
 * at a time; carrying out the plan renames the staged files into place.
 */

import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readManifestText, readWithoutFollowing } from './disk-read.js';
import { inspectParentDirectories, realOutputDir, symlinkEscapeReason, type DirectoryState } from './disk-inspection.js';
import { errnoCode, OutOfDateError, OutputNotWritableError, UnsafePathError, WriteFailedError, type PathViolation } from './errors.js';
import { acquireLock } from './lock.js';
import { MANIFEST_FILE_NAME, parseManifest, serializeManifest, type Manifest } from './manifest.js';
import { stampListed } from './output-stamp.js';
import { resolveOptions, type ResolvedOptions, type WriteOptions } from './options.js';
import { beneath, depthOf, directoryOf, parentDirectories, TEMPORARY_NAME_PATTERN } from './paths.js';
import { buildReport, MISSING, NOT_A_FILE, ownershipRecords, Planner, writesFile, type Observation, type Plan, type PlannedFile } from './plan.js';
import { prepareFiles, type PreparedFile } from './prepare.js';
import { NO_OPERATIONS, type OperationCounts, type WriteReport } from './report.js';
import { Staging, StagingError, temporaryBeside } from './staging.js';
import type { WritableFile } from './writable-file.js';

export async function writeFiles(outputDir: string, files: readonly WritableFile[], options: WriteOptions = {}): Promise<WriteReport> {
  const resolved = resolveOptions(options);
  const root = resolve(outputDir);
  const prepared = prepareFiles(files, root);

  if (resolved.mode !== 'write') {
    const { plan, filesRead } = await planOnDisk(root, prepared, resolved, false);
    const report = buildReport(resolved.mode, root, plan, NO_OPERATIONS, filesRead);
    if (resolved.mode === 'check' && !report.upToDate) throw new OutOfDateError(report);
    return report;
  }

  const rootDirectoriesCreated = createOutputDir(root);
  const lock = await acquireLock(root, resolved.lockTimeoutMs);
  try {
    // Observed under the lock: what another run wrote a moment ago is what we plan against.
    const observed = await planOnDisk(root, prepared, resolved, true);
    try {
      const counts = await carryOut(root, observed, resolved.batchSize);
      return buildReport('write', root, observed.plan, { ...counts, directoriesCreated: counts.directoriesCreated + rootDirectoriesCreated }, observed.filesRead);
    } catch (error) {
      // What was renamed into place is in the manifest; what was not must not linger.
      observed.staging?.abandon();
      throw error;
    }
  } finally {
    lock.release();
  }
}

interface DiskPlan {
  readonly plan: Plan;
  /** Write mode: where each planned write's bytes wait; null when nothing is written. */
  readonly staging: Staging | null;
  /** Files whose bytes were read to be compared with what would be written. */
  readonly filesRead: number;
}

/**
 * Plans every file against the disk. With `stage` (write mode, under the lock) the writes are
 * staged as they are planned, after the temporary files of a killed run are removed, and a
 * failure removes what was staged; without it no byte of the output changes. Files are made and
 * planned in the order given, so a caller that lists each part's files together has each part's
 * contents made once and dropped soon.
 */
async function planOnDisk(root: string, prepared: readonly PreparedFile[], options: ResolvedOptions, stage: boolean): Promise<DiskPlan> {
  const realRoot = realOutputDir(root);
  const manifestPath = join(root, MANIFEST_FILE_NAME);
  const manifestText = realRoot === undefined ? undefined : readManifestText(manifestPath);
  const manifest: Manifest = manifestText === undefined ? new Map() : parseManifest(manifestText, manifestPath);

  const wanted = new Set(prepared.map((file) => file.path));
  const orphans = [...manifest.values()].filter((entry) => !wanted.has(entry.path));
  const directories = inspectParentDirectories(root, realRoot, [...wanted, ...orphans.map((entry) => entry.path)]);
  for (const file of prepared) {
    for (const dir of parentDirectories(file.path)) {
      if (directories.get(dir) === 'not-a-directory') {
        throw new OutputNotWritableError(join(root, dir), `is not a directory, but ${file.path} must be written inside it`, 'Move it out of the way and run again.');
      }
    }
  }
  if (stage) removeLeftoverTemporaryFiles(root, manifest, directories, wanted);
  const staging = stage ? new Staging(root, new Map(directories)) : null;

  // The caller's stamp still holding means every file the manifest lists holds what it records:
  // a file made on demand that the manifest records as expected need not be read back.
  const asRecorded = options.knownStamp !== null && realRoot !== undefined && (await stampListed(root, manifest))?.filesDigest === options.knownStamp;
  const planner = new Planner(root, manifest, options.force);
  const decisions: PlannedFile[] = [];
  const violations: PathViolation[] = [];
  let filesRead = 0;
  const observe = (path: string): Observation => {
    if (directories.get(directoryOf(path)) !== 'directory') return MISSING;
    const observed = observeFile(root, realRoot ?? root, path, violations);
    if (observed.kind === 'file') filesRead++;
    return observed;
  };
  try {
    for (const batch of batches(prepared, options.batchSize)) {
      for (const file of batch) {
        const { bytes, ...decision } = (asRecorded ? planner.recorded(file) : undefined) ?? planner.wanted(file, observe(file.path));
        // The bytes are staged (or, planning only, not needed): none are kept past their file.
        if (bytes !== undefined && staging !== null) staging.stage(file.path, bytes);
        decisions.push(decision);
      }
      await nextTurn();
    }
    for (const batch of batches(orphans, options.batchSize)) {
      for (const entry of batch) decisions.push(planner.orphan(entry, observe(entry.path)));
      await nextTurn();
    }
    if (violations.length > 0) throw new UnsafePathError(root, violations);
  } catch (error) {
    staging?.abandon();
    if (!(error instanceof StagingError)) throw error;
    throw new OutputNotWritableError(error.path, `cannot be written (${errnoCode(error.cause) ?? String(error.cause)}); nothing in the output was changed`, 'Free space or fix permissions, then run again.', { cause: error.cause });
  }
  return { plan: planner.plan(decisions, manifestText), staging, filesRead };
}

function observeFile(root: string, realRoot: string, path: string, violations: PathViolation[]): Observation {
  const absolute = beneath(root, path);
  try {
    return { kind: 'file', bytes: readWithoutFollowing(absolute) };
  } catch (error) {
    switch (errnoCode(error)) {
      case 'ENOENT':
        return MISSING;
      case 'EISDIR':
        return NOT_A_FILE;
      case 'ELOOP': {
        // A symlink at the file's own path. Writes replace the link (rename does not follow it),
        // but reading it, and Nx writing through it, would follow it: refuse links that lead out.
        const escape = symlinkEscapeReason(absolute, realRoot);
        if (escape) {
          violations.push({ path, reason: escape });
          return MISSING;
        }
        return observeFollowing(absolute);
      }
      default:
        throw new OutputNotWritableError(absolute, `cannot be read (${errnoCode(error) ?? String(error)})`, 'Check its permissions.', { cause: error });
    }
  }
}

function observeFollowing(absolute: string): Observation {
  try {
    return { kind: 'file', bytes: readFileSync(absolute) };
  } catch (error) {
    if (errnoCode(error) === 'EISDIR') return NOT_A_FILE;
    throw new OutputNotWritableError(absolute, `cannot be read (${errnoCode(error) ?? String(error)})`, 'Check its permissions.', { cause: error });
  }
}

/** Creates the output directory (and missing parents); returns how many directories that made. */
function createOutputDir(root: string): number {
  let first: string | undefined;
  try {
    first = mkdirSync(root, { recursive: true });
  } catch (error) {
    throw new OutputNotWritableError(
      root,
      `the output directory cannot be created (${errnoCode(error) ?? String(error)})`,
      'Check that no file is in the way and that the parent directory is writable.',
      { cause: error },
    );
  }
  return first === undefined ? 0 : relative(first, root).split(/[\\/]/).filter(Boolean).length + 1;
}

/**
 * Carries out a plan under the lock. Order: write-ahead manifest (pending entries), staged files
 * renamed into place, deletions, emptied directories, final manifest. A failure at any step
 * leaves a manifest that covers what is on disk.
 */
async function carryOut(root: string, { plan, staging }: DiskPlan, batchSize: number): Promise<OperationCounts> {
  let fileWrites = 0;
  let fileDeletions = 0;
  let directoriesRemoved = 0;
  const directoriesCreated = staging?.directoriesCreated ?? 0;
  const counts = () => ({ fileWrites, fileDeletions, directoriesCreated, directoriesRemoved });

  const writes = plan.files.filter(writesFile);
  const deletions = plan.files.filter((file) => file.action === 'delete');
  if (writes.length + deletions.length === 0 && !plan.manifestChanged) return counts();

  const manifestPath = join(root, MANIFEST_FILE_NAME);
  // Failing before any file changed: the old manifest is intact (writes go through a temporary file).
  const failBeforeAnyChange = (error: unknown): never => {
    throw new WriteFailedError(root, manifestPath, [], writes.map((f) => f.path), [], deletions.map((f) => f.path), false, error);
  };

  if (writes.length + deletions.length === 0) {
    if (plan.manifestText !== undefined) {
      try {
        writeManifest(root, plan.manifestText);
      } catch (error) {
        failBeforeAnyChange(error);
      }
      fileWrites++;
    }
    return counts();
  }

  const done = new Set<PlannedFile>();
  const fail = (failedPath: string, cause: unknown): never => {
    let manifestUpdated = false;
    try {
      writeManifest(root, serializeManifest(ownershipRecords(plan.files, (file) => (done.has(file) ? 'done' : 'not-done'))));
      manifestUpdated = true;
    } catch {
      // The write-ahead manifest stays: it lists every file that may be on disk, so nothing is lost.
    }
    const paths = (list: readonly PlannedFile[], wasDone: boolean) => list.filter((file) => done.has(file) === wasDone).map((file) => file.path);
    throw new WriteFailedError(root, failedPath, paths(writes, true), paths(writes, false), paths(deletions, true), paths(deletions, false), manifestUpdated, cause);
  };

  try {
    writeManifest(root, serializeManifest(ownershipRecords(plan.files, () => 'pending')));
  } catch (error) {
    failBeforeAnyChange(error);
  }
  fileWrites++;

  for (const batch of batches(writes, batchSize)) {
    for (const file of batch) {
      // Rename replaces the target in one step: a reader (or a crash) sees the old file or the new one.
      const target = beneath(root, file.path);
      try {
        renameSync(staging!.temporaryOf(file.path), target);
      } catch (error) {
        fail(target, error);
      }
      staging!.committed(file.path);
      done.add(file);
      fileWrites++;
    }
    await nextTurn();
  }

  for (const batch of batches(deletions, batchSize)) {
    for (const file of batch) {
      const target = beneath(root, file.path);
      try {
        unlinkSync(target);
        fileDeletions++;
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') fail(target, error);
      }
      done.add(file);
    }
    await nextTurn();
  }
  directoriesRemoved = removeEmptiedDirectories(root, deletions);

  if (plan.manifestText !== undefined) {
    try {
      writeManifest(root, plan.manifestText);
      fileWrites++;
    } catch (error) {
      fail(manifestPath, error);
    }
  }
  return counts();
}

/** Temporary file in the same directory, then rename: a reader (or a crash) sees the old manifest or the new one, never a torn one. */
function writeManifest(root: string, text: string): void {
  const absolute = join(root, MANIFEST_FILE_NAME);
  const temporary = temporaryBeside(absolute);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, absolute);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already renamed.
    }
    throw error;
  }
}

/** Directories that held only pruned files go too; rmdir refuses non-empty ones, so nothing else is lost. */
function removeEmptiedDirectories(root: string, deletions: readonly PlannedFile[]): number {
  const candidates = new Set<string>();
  for (const file of deletions) for (const dir of parentDirectories(file.path)) candidates.add(dir);
  let removed = 0;
  for (const dir of [...candidates].sort((a, b) => depthOf(b) - depthOf(a))) {
    try {
      rmdirSync(join(root, dir));
      removed++;
    } catch {
      // Not empty (or not ours to judge): leave it.
    }
  }
  return removed;
}

/**
 * A killed run may leave temporary files beside any file it was staging or changing, and beside
 * the manifest. We hold the lock, so none of them is in use.
 */
function removeLeftoverTemporaryFiles(root: string, manifest: Manifest, directories: ReadonlyMap<string, DirectoryState>, wanted: ReadonlySet<string>): void {
  const dirs = new Set<string>(['']);
  for (const entry of manifest.values()) if (entry.pending) dirs.add(directoryOf(entry.path));
  for (const path of wanted) dirs.add(directoryOf(path));
  for (const dir of dirs) {
    if (directories.get(dir) !== 'directory') continue;
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!TEMPORARY_NAME_PATTERN.test(name)) continue;
      try {
        unlinkSync(join(root, dir, name));
      } catch {
        // Best effort: a leftover temporary file is clutter, not damage.
      }
    }
  }
}

function* batches<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Lets timers and signals run between batches of synchronous I/O. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
