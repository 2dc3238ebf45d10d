import type { WriteMode } from './options.js';

/**
 * `hand-edited`: rr owns the file (manifest or signature header) but its bytes are not what rr
 * wrote; kept unless `force`. `unowned`: a file rr never wrote sits where rr wants to write; it is
 * never touched, even with `force`.
 */
export type SkipReason = 'hand-edited' | 'unowned';

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
  /** What rr would have done to the file: write new contents, or delete it because it is no longer generated. */
  readonly blocked: 'write' | 'delete';
}

/**
 * What a run did (`write`) or would do (`dry-run`, `check`). Path lists are relative to the output
 * directory and sorted. The counters count operations actually performed, so they are zero in
 * `dry-run` and `check`.
 */
export interface WriteReport {
  readonly mode: WriteMode;
  readonly outputDir: string;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  readonly deleted: readonly string[];
  readonly skipped: readonly SkippedFile[];
  /** Hand-edited files that `force` overwrote or deleted; each is also in `updated` or `deleted`. */
  readonly forced: readonly string[];
  /** Whether the manifest's bytes change (ownership adopted, entries pruned, an interrupted run finished…). */
  readonly manifestChanged: boolean;
  /** Nothing to create, update, delete or skip, and the manifest is current: what `check` passes on. */
  readonly upToDate: boolean;
  /** Files written, each through a temporary file and a rename on disk; includes manifest writes. */
  readonly fileWrites: number;
  readonly fileDeletions: number;
  readonly directoriesCreated: number;
  readonly directoriesRemoved: number;
  /** Files whose bytes were read to be compared with what would be written, in every mode. */
  readonly filesRead: number;
  /**
   * The signature (`contentSignature`) of the manifest's bytes as this run leaves the output:
   * written or kept in write mode, found in the others when the output is up to date; null when
   * there is none, or in a dry run or check that found differences. Whatever a caller records
   * about the output after the run (a cache of what it rendered) holds only while the manifest
   * still has these bytes: another run may have written the output since.
   */
  readonly manifestSignature: string | null;
}

export interface OperationCounts {
  readonly fileWrites: number;
  readonly fileDeletions: number;
  readonly directoriesCreated: number;
  readonly directoriesRemoved: number;
}

export const NO_OPERATIONS: OperationCounts = { fileWrites: 0, fileDeletions: 0, directoriesCreated: 0, directoriesRemoved: 0 };

/** The report of a run that found every file of `files` as it would write it, and nothing else to do. */
export function unchangedReport(mode: WriteMode, outputDir: string, files: readonly string[]): WriteReport {
  return { mode, outputDir, created: [], updated: [], unchanged: files, deleted: [], skipped: [], forced: [], manifestChanged: false, upToDate: true, ...NO_OPERATIONS, filesRead: 0, manifestSignature: null };
}
