import { SchemaError, redact } from '@rr/schema';

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

/** Errors that mean the input was wrong (exit 2) rather than that rr failed. */
export function isBadInput(error: unknown): boolean {
  return error instanceof SchemaError || (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('RR_'));
}

/** Prints an error without its stack for expected failures, never with a secret in it. */
export function reportError(io: Io, error: unknown, secrets: readonly (string | undefined)[]): number {
  const message = error instanceof Error ? error.message : String(error);
  if (isBadInput(error)) {
    io.stderr(`rrgen: ${redact(message, secrets)}\n`);
    return EXIT.badInput;
  }
  const detail = error instanceof Error && error.stack ? error.stack : message;
  io.stderr(`rrgen: unexpected failure: ${redact(detail, secrets)}\n`);
  return EXIT.failed;
}
