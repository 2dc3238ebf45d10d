import { InvalidInputError } from './errors.js';

/**
 * `write` changes the output; `dry-run` reports what `write` would do and changes nothing;
 * `check` changes nothing and fails with `OutOfDateError` when `write` would change anything.
 */
export type WriteMode = 'write' | 'dry-run' | 'check';

export interface WriteOptions {
  readonly mode?: WriteMode;
  /** Overwrite (or prune) owned files that were edited by hand. Files rr never owned are still never touched. */
  readonly force?: boolean;
  /** Files read or written per step; bounds memory held for file contents. */
  readonly batchSize?: number;
  /** Disk only: how long to wait for another run's lock on the output directory. */
  readonly lockTimeoutMs?: number;
  /**
   * Disk only: the files digest of an output stamp (`stampOutput`) taken when every file the
   * manifest lists held exactly the bytes the manifest records for it. While the directory's stamp is
   * still that, a file made on demand whose expected signature is the manifest's for its path is
   * known to be on disk as it would be written, and is not read back.
   */
  readonly knownStamp?: string;
}

export interface ResolvedOptions {
  readonly mode: WriteMode;
  readonly force: boolean;
  readonly batchSize: number;
  readonly lockTimeoutMs: number;
  readonly knownStamp: string | null;
}

export const DEFAULT_BATCH_SIZE = 256;
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

const MODES: readonly WriteMode[] = ['write', 'dry-run', 'check'];

export function resolveOptions(options: WriteOptions = {}): ResolvedOptions {
  const problems: string[] = [];
  const mode = options.mode ?? 'write';
  if (!MODES.includes(mode)) problems.push(`mode ${JSON.stringify(mode)} is not one of ${MODES.join(', ')}`);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) problems.push(`batchSize must be a positive integer, got ${String(batchSize)}`);
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0) problems.push(`lockTimeoutMs must be a non-negative number, got ${String(lockTimeoutMs)}`);
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { mode, force: options.force === true, batchSize, lockTimeoutMs, knownStamp: options.knownStamp ?? null };
}
