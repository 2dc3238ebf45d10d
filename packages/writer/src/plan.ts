/**
 * The decisions, shared by the disk and the Tree adapters so both have the same semantics. Pure:
 * the adapters observe the output and carry out the plan.
 */

import { OutputNotWritableError } from './errors.js';
import { ownedSignatures, serializeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import type { WriteMode } from './options.js';
import { comparePaths } from './paths.js';
import { holdsSignature, isDeferred, type DeferredFile, type PreparedFile } from './prepare.js';
import type { OperationCounts, SkipReason, SkippedFile, WriteReport } from './report.js';
import { contentSignature, readSignature } from './signature.js';

export type Observation =
  | { readonly kind: 'missing' }
  | { readonly kind: 'file'; readonly bytes: Uint8Array }
  | { readonly kind: 'not-a-file' };

export const MISSING: Observation = { kind: 'missing' };
export const NOT_A_FILE: Observation = { kind: 'not-a-file' };

/** `forget`: a manifest entry whose file is already gone; only the manifest changes. */
export type Action = 'create' | 'update' | 'unchanged' | 'delete' | 'skip' | 'forget';

export interface PlannedFile {
  readonly path: string;
  readonly action: Action;
  readonly skip?: SkippedFile;
  /** A hand-edited file that `force` lets us overwrite or delete. */
  readonly forced: boolean;
  /** For `create` and `update`: the bytes to write. */
  readonly bytes?: Buffer;
  /** The ownership record that is true of the file as it is now. */
  readonly before: ManifestEntry | undefined;
  /** The ownership record once the action is carried out. */
  readonly after: ManifestEntry | undefined;
}

export interface Plan {
  /** Sorted by path. */
  readonly files: readonly PlannedFile[];
  /** The manifest once every action is carried out; `undefined` when no manifest is needed at all. */
  readonly manifestText: string | undefined;
  readonly manifestChanged: boolean;
}

export class Planner {
  constructor(
    private readonly outputDir: string,
    private readonly manifest: Manifest,
    private readonly force: boolean,
  ) {}

  /**
   * A file made on demand whose expected signature is the one the manifest records for its path:
   * unchanged, when the caller knows the output holds what its manifest records. Otherwise
   * undefined, and the file must be looked at (`wanted`).
   */
  recorded(prepared: PreparedFile): PlannedFile | undefined {
    if (!isDeferred(prepared) || prepared.signature === undefined || this.manifest.get(prepared.path)?.signature !== prepared.signature) return undefined;
    return unchanged(prepared.path, prepared.signature);
  }

  /** Decides what to do with a file the renderer produced, given what is at its path now. */
  wanted(prepared: PreparedFile, observed: Observation): PlannedFile {
    const expected = isDeferred(prepared) ? prepared.signature : undefined;
    if (expected !== undefined && observed.kind === 'file' && holdsSignature(expected, (prepared as DeferredFile).generated, observed.bytes)) {
      return unchanged(prepared.path, expected);
    }
    const file = isDeferred(prepared) ? prepared.make() : prepared;
    const { path } = file;
    const after: ManifestEntry = { path, signature: file.signature };
    if (observed.kind === 'not-a-file') {
      throw new OutputNotWritableError(
        `${this.outputDir}/${path}`,
        'something other than a regular file (a directory?) is where rr must write a file',
        'Move it out of the way and run again.',
      );
    }
    if (observed.kind === 'missing') return { path, action: 'create', forced: false, bytes: file.bytes, before: undefined, after };
    if (file.bytes.equals(observed.bytes)) {
      return { path, action: 'unchanged', forced: false, before: after, after };
    }
    const owner = classify(observed.bytes, this.manifest.get(path));
    if (owner.kind === 'rr') {
      return { path, action: 'update', forced: false, bytes: file.bytes, before: { path, signature: owner.signature }, after };
    }
    if (owner.kind === 'hand-edited') {
      const kept: ManifestEntry = { path, signature: owner.signature };
      if (this.force) return { path, action: 'update', forced: true, bytes: file.bytes, before: kept, after };
      return skipped(path, 'hand-edited', 'write', kept);
    }
    return skipped(path, 'unowned', 'write', undefined);
  }

  /** Decides what to do with a file rr owned and no longer generates. */
  orphan(entry: ManifestEntry, observed: Observation): PlannedFile {
    const { path } = entry;
    // Whatever is there now is not rr's file any more (or nothing is): just stop claiming it.
    if (observed.kind !== 'file') return { path, action: 'forget', forced: false, before: undefined, after: undefined };
    const owner = classify(observed.bytes, entry);
    if (owner.kind === 'rr') {
      return { path, action: 'delete', forced: false, before: { path, signature: owner.signature }, after: undefined };
    }
    const kept: ManifestEntry = { path, signature: entry.signature };
    if (this.force) return { path, action: 'delete', forced: true, before: kept, after: undefined };
    return skipped(path, 'hand-edited', 'delete', kept);
  }

  /** Orders the decisions and works out the manifest that follows from them. */
  plan(files: readonly PlannedFile[], currentManifestText: string | undefined): Plan {
    const sorted = [...files].sort((a, b) => comparePaths(a.path, b.path));
    const records = ownershipRecords(sorted, () => 'done');
    const manifestText = records.length === 0 && currentManifestText === undefined ? undefined : serializeManifest(records);
    return { files: sorted, manifestText, manifestChanged: manifestText !== currentManifestText };
  }
}

export type PlannedWrite = PlannedFile & { readonly bytes: Buffer };

export function isWrite(file: PlannedFile): file is PlannedWrite {
  return writesFile(file) && file.bytes !== undefined;
}

/** Whether the file is (re)written, whether or not its bytes are still held (the disk writer stages them). */
export function writesFile(file: PlannedFile): boolean {
  return file.action === 'create' || file.action === 'update';
}

/** Whether a file changes bytes on disk when the plan is carried out. */
export function changesDisk(file: PlannedFile): boolean {
  return file.action === 'create' || file.action === 'update' || file.action === 'delete';
}

export type Progress = 'done' | 'pending' | 'not-done';

/**
 * The manifest entries for a given progress of each action. `pending` entries are written ahead
 * of the changes, so a run killed at any point leaves a manifest that still covers every file.
 */
export function ownershipRecords(files: readonly PlannedFile[], progress: (file: PlannedFile) => Progress): ManifestEntry[] {
  const records: ManifestEntry[] = [];
  for (const file of files) {
    const state = changesDisk(file) ? progress(file) : 'done';
    const record = state === 'done' ? file.after : state === 'not-done' ? file.before : pendingRecord(file);
    if (record) records.push(record);
  }
  return records;
}

function pendingRecord(file: PlannedFile): ManifestEntry | undefined {
  const { before, after } = file;
  if (after === undefined) return before && { path: file.path, signature: before.signature, pending: true };
  if (before === undefined || before.signature === after.signature) return { path: file.path, signature: after.signature, pending: true };
  return { path: file.path, signature: after.signature, previousSignature: before.signature, pending: true };
}

export function buildReport(
  mode: WriteMode,
  outputDir: string,
  plan: Plan,
  counts: OperationCounts,
  filesRead: number,
): WriteReport {
  const pathsWith = (action: Action) => plan.files.filter((f) => f.action === action).map((f) => f.path);
  const skipped = plan.files.flatMap((f) => (f.skip ? [f.skip] : []));
  const created = pathsWith('create');
  const updated = pathsWith('update');
  const deleted = pathsWith('delete');
  const upToDate = created.length + updated.length + deleted.length + skipped.length === 0 && !plan.manifestChanged;
  return {
    mode,
    outputDir,
    created,
    updated,
    unchanged: pathsWith('unchanged'),
    deleted,
    skipped,
    forced: plan.files.filter((f) => f.forced).map((f) => f.path),
    manifestChanged: plan.manifestChanged,
    upToDate,
    ...counts,
    filesRead,
    manifestSignature: (mode === 'write' || upToDate) && plan.manifestText !== undefined ? contentSignature(plan.manifestText) : null,
  };
}

function unchanged(path: string, signature: string): PlannedFile {
  const kept: ManifestEntry = { path, signature };
  return { path, action: 'unchanged', forced: false, before: kept, after: kept };
}

type Owner = { readonly kind: 'rr'; readonly signature: string } | { readonly kind: 'hand-edited'; readonly signature: string } | { readonly kind: 'unowned' };

/**
 * Who the bytes at a path belong to. A valid signature header proves rr wrote them, with or
 * without a manifest; otherwise the manifest's signatures decide. A broken header still shows rr
 * generated the file once, so it is a hand edit rather than a stranger's file.
 */
function classify(bytes: Uint8Array, entry: ManifestEntry | undefined): Owner {
  const header = readSignature(bytes);
  if (header?.valid) return { kind: 'rr', signature: header.signature };
  if (entry) {
    const signature = contentSignature(bytes);
    return ownedSignatures(entry).includes(signature) ? { kind: 'rr', signature } : { kind: 'hand-edited', signature: entry.signature };
  }
  if (header) return { kind: 'hand-edited', signature: header.signature };
  return { kind: 'unowned' };
}

function skipped(path: string, reason: SkipReason, blocked: 'write' | 'delete', kept: ManifestEntry | undefined): PlannedFile {
  return { path, action: 'skip', skip: { path, reason, blocked }, forced: false, before: kept, after: kept };
}
