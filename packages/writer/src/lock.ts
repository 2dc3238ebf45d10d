/**
 * One writer at a time per output directory. Without it, two runs could interleave their renames
 * and each write a manifest describing only its own half of the disk.
 *
 * The lock is a file created with O_EXCL, naming its holder (pid, host, random token). A lock whose
 * holder is gone (same host, pid not alive) or that is very old (another host, where the pid
 * cannot be checked) is stale and broken, so a killed run never blocks the next one for long.
 */

import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errnoCode, LockHeldError, OutputNotWritableError } from './errors.js';

export const LOCK_FILE_NAME = '.rr-manifest.lock';

/** A live writer fills its lock file within microseconds of creating it; an empty one this old was left by a killed run. */
const UNREADABLE_LOCK_STALE_MS = 10_000;
/** On another host the pid means nothing here, so only age tells; no rr run holds a lock this long. */
const FOREIGN_LOCK_STALE_MS = 10 * 60_000;

export interface HeldLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  readonly pid?: number;
  readonly host?: string;
  readonly token?: string;
  readonly raw: string;
}

export async function acquireLock(outputDir: string, timeoutMs: number): Promise<HeldLock> {
  const lockPath = join(outputDir, LOCK_FILE_NAME);
  const token = randomBytes(12).toString('hex');
  const content = `${JSON.stringify({ pid: process.pid, host: hostname(), token })}\n`;
  const started = Date.now();
  let delay = 5;
  for (;;) {
    if (tryCreate(lockPath, content)) return { path: lockPath, release: () => release(lockPath, token) };
    const holder = readHolder(lockPath);
    if (holder === undefined) continue; // released between our attempt and the read
    if (isStale(lockPath, holder)) {
      breakStale(lockPath, holder);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw new LockHeldError(lockPath, describeHolder(holder), waited);
    await sleep(Math.min(delay, Math.max(1, timeoutMs - waited)));
    delay = Math.min(delay * 2, 200);
  }
}

function tryCreate(lockPath: string, content: string): boolean {
  try {
    writeFileSync(lockPath, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw new OutputNotWritableError(lockPath, `cannot create the lock file (${errnoCode(error) ?? String(error)})`, 'Check that the output directory is writable.', {
      cause: error,
    });
  }
}

function readHolder(lockPath: string): Holder | undefined {
  let raw: string;
  try {
    raw = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw new OutputNotWritableError(lockPath, `cannot read the lock file (${errnoCode(error) ?? String(error)})`, 'Delete it if no rr run is using the output directory.', {
      cause: error,
    });
  }
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data === 'object' && data !== null) {
      const { pid, host, token } = data as Record<string, unknown>;
      return {
        raw,
        ...(typeof pid === 'number' ? { pid } : {}),
        ...(typeof host === 'string' ? { host } : {}),
        ...(typeof token === 'string' ? { token } : {}),
      };
    }
  } catch {
    // An empty or torn lock file: judged by its age below.
  }
  return { raw };
}

function isStale(lockPath: string, holder: Holder): boolean {
  if (holder.pid !== undefined && holder.host === hostname()) return !isAlive(holder.pid);
  const limit = holder.pid === undefined ? UNREADABLE_LOCK_STALE_MS : FOREIGN_LOCK_STALE_MS;
  try {
    return Date.now() - statSync(lockPath).mtimeMs > limit;
  } catch {
    return false; // gone already: the next attempt will simply take it
  }
}

/**
 * Moves the stale lock aside before deleting it: of several runs breaking the same stale lock,
 * only one rename succeeds. If what we moved turns out to be a fresh lock someone took in the
 * meantime, it is put back.
 */
function breakStale(lockPath: string, stale: Holder): void {
  const aside = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = readFileSync(aside, 'utf8');
  unlinkSync(aside);
  if (moved !== stale.raw) {
    try {
      writeFileSync(lockPath, moved, { flag: 'wx' });
    } catch {
      // Someone else holds a lock now; we only wait for it.
    }
  }
}

function release(lockPath: string, token: string): void {
  try {
    // Only remove our own lock: if ours was broken as stale (say the machine slept), another run owns the file now.
    if (readHolder(lockPath)?.token === token) unlinkSync(lockPath);
  } catch {
    // Never let cleanup hide the run's outcome; a lock left behind by a finished process is stale and gets broken.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

function describeHolder(holder: Holder): string {
  return holder.pid === undefined ? 'an unknown process' : `process ${holder.pid} on ${holder.host ?? 'an unknown host'}`;
}
