import { SchemaError, redact } from '@rr/schema';
import { WriterError } from '@rr/writer';

/** Exit codes of every rrgen command. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Errors that mean the input was wrong (exit 2) rather than that rr failed. The writer's refusals
 * (an unsafe path or symlink, a malformed manifest, a file where a directory must be) are raised
 * before anything is written and are about what is on disk, so they count as bad input too.
 */
export function isBadInput(error: unknown): boolean {
  if (error instanceof WriterError) return WRITER_BAD_INPUT.has(error.code);
  return error instanceof SchemaError || (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('RR_'));
}

const WRITER_BAD_INPUT: ReadonlySet<string> = new Set(['INVALID_INPUT', 'UNSAFE_PATH', 'OUTPUT_NOT_WRITABLE', 'MALFORMED_MANIFEST']);

/**
 * Failures whose message says what happened and what to do: bad input, and the writer's other
 * failures (a held lock, a write that failed part way). A stack trace would only bury that.
 */
export function isExplained(error: unknown): boolean {
  return isBadInput(error) || error instanceof WriterError;
}

/** Prints an error without its stack for expected failures, never with a secret in it. */
export function reportError(io: Io, error: unknown, secrets: readonly (string | undefined)[]): number {
  const message = error instanceof Error ? error.message : String(error);
  if (isExplained(error)) {
    io.stderr(`rrgen: ${redact(message, secrets)}\n`);
    return isBadInput(error) ? EXIT.badInput : EXIT.failed;
  }
  const detail = error instanceof Error && error.stack ? error.stack : message;
  io.stderr(`rrgen: unexpected failure: ${redact(detail, secrets)}\n`);
  return EXIT.failed;
}
