/**
 * Every failure the writer raises is a `WriterError` with a stable `code`, so callers (the Nx
 * executor, the CLI) can branch on the kind of failure without parsing messages. Messages say
 * what went wrong, where, and what to do about it.
 */

import type { WriteReport } from './report.js';

export type WriterErrorCode =
  | 'INVALID_INPUT'
  | 'UNSAFE_PATH'
  | 'OUTPUT_NOT_WRITABLE'
  | 'WRITE_FAILED'
  | 'MALFORMED_MANIFEST'
  | 'LOCK_HELD'
  | 'OUT_OF_DATE';

export abstract class WriterError extends Error {
  abstract readonly code: WriterErrorCode;

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The files or options handed to the writer are inconsistent (duplicates, reserved names…). */
export class InvalidInputError extends WriterError {
  readonly code = 'INVALID_INPUT';

  constructor(
    readonly problems: readonly string[],
    message = `rr writer: invalid input:\n${bulletList(problems)}`,
  ) {
    super(message);
  }
}

export interface PathViolation {
  readonly path: string;
  readonly reason: string;
}

/** One or more paths would resolve outside the output directory. Raised before anything is written. */
export class UnsafePathError extends WriterError {
  readonly code = 'UNSAFE_PATH';

  constructor(
    readonly outputDir: string,
    readonly violations: readonly PathViolation[],
  ) {
    super(
      `rr writer: refused to write into ${outputDir}: ${violations.length} path(s) would leave the output directory. ` +
        `Nothing was written.\n${bulletList(violations.map((v) => `${v.path}: ${v.reason}`))}\n` +
        'Fix the rendered paths, or remove the symbolic links that point out of the output directory.',
    );
  }
}

/** The output directory (or a directory or file inside it) cannot be created, read or replaced. Raised before anything is written. */
export class OutputNotWritableError extends WriterError {
  readonly code = 'OUTPUT_NOT_WRITABLE';

  constructor(
    readonly path: string,
    problem: string,
    remedy: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`rr writer: ${path}: ${problem}. Nothing was written. ${remedy}`, options);
  }
}

/**
 * A file system operation failed part way through a run. The manifest was brought in line with
 * what is on disk (or, if even that failed, the manifest from before the run still lists every
 * file that may be there), so the next run repairs the output.
 */
export class WriteFailedError extends WriterError {
  readonly code = 'WRITE_FAILED';

  constructor(
    readonly outputDir: string,
    readonly failedPath: string,
    readonly written: readonly string[],
    readonly notWritten: readonly string[],
    readonly deleted: readonly string[],
    readonly notDeleted: readonly string[],
    readonly manifestUpdated: boolean,
    cause: unknown,
  ) {
    super(
      `rr writer: failed on ${failedPath} in ${outputDir}: ${describeCause(cause)}.\n` +
        `written (${written.length}):${inlineList(written)}\n` +
        `not written (${notWritten.length}):${inlineList(notWritten)}\n` +
        (deleted.length + notDeleted.length > 0
          ? `deleted (${deleted.length}):${inlineList(deleted)}\nnot deleted (${notDeleted.length}):${inlineList(notDeleted)}\n`
          : '') +
        (manifestUpdated
          ? 'The manifest lists exactly what is on disk. '
          : 'The manifest could not be updated; it still lists every file that may be on disk. ') +
        'Free space or fix permissions, then run again: the next run finishes the job.',
      { cause },
    );
  }
}

/** The manifest in the output directory cannot be read as an rr manifest. */
export class MalformedManifestError extends WriterError {
  readonly code = 'MALFORMED_MANIFEST';

  constructor(
    readonly manifestPath: string,
    readonly problem: string,
  ) {
    super(
      `rr writer: malformed manifest ${manifestPath}: ${problem}. Nothing was written. ` +
        'Delete the file and run again: generated files are recognised again by their signature header ' +
        '(files without a header are then left alone until you delete them).',
    );
  }
}

/** Another run holds the output directory's lock and did not release it in time. */
export class LockHeldError extends WriterError {
  readonly code = 'LOCK_HELD';

  constructor(
    readonly lockPath: string,
    readonly holder: string,
    readonly waitedMs: number,
  ) {
    super(
      `rr writer: ${lockPath} is held by ${holder}; waited ${waitedMs} ms. Nothing was written. ` +
        'Another rr run is writing to the same output directory: wait for it to finish. ' +
        'If no rr process is running, delete the lock file and run again.',
    );
  }
}

/** Check mode found that a write run would change the output directory. */
export class OutOfDateError extends WriterError {
  readonly code = 'OUT_OF_DATE';

  constructor(readonly report: WriteReport) {
    const lines = [
      ...report.created.map((p) => `create ${p}`),
      ...report.updated.map((p) => `update ${p}`),
      ...report.deleted.map((p) => `delete ${p}`),
      ...report.skipped.map((s) => `${s.reason} ${s.path} (blocks ${s.blocked})`),
      ...(report.manifestChanged ? ['update the manifest'] : []),
    ];
    const shown = lines.length > 50 ? [...lines.slice(0, 50), `… and ${lines.length - 50} more (see error.report)`] : lines;
    super(
      `rr writer: generated files in ${report.outputDir} are out of date (${lines.length} change(s)):\n` +
        `${bulletList(shown)}\nRun the generator without check mode and commit the result` +
        (report.skipped.length > 0 ? '; hand-edited files need --force or must be reverted.' : '.'),
    );
  }
}

function bulletList(items: readonly string[]): string {
  return items.map((item) => `  - ${item}`).join('\n');
}

// Long lists would drown the cause in a terminal; the full lists stay on the error object.
function inlineList(items: readonly string[]): string {
  const shown = items.slice(0, 20).join(', ');
  const rest = items.length > 20 ? `, … and ${items.length - 20} more` : '';
  return items.length === 0 ? ' none' : ` ${shown}${rest}`;
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** The `code` of a Node system error (`ENOENT`, `EACCES`…), if it is one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
