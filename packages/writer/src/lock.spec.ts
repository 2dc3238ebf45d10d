import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFiles } from './disk-writer.js';
import { LockHeldError } from './errors.js';
import { acquireLock, LOCK_FILE_NAME } from './lock.js';
import { MANIFEST_FILE_NAME } from './manifest.js';
import { sampleFiles, temporaryDirectory } from './testing/fixtures.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A real live process other than us, to hold a lock. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

/** The pid of a process that has exited. */
async function deadProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

function placeLock(dir: string, holder: object | string): string {
  const path = join(dir, LOCK_FILE_NAME);
  writeFileSync(path, typeof holder === 'string' ? holder : JSON.stringify(holder));
  return path;
}

function age(path: string, ms: number): void {
  const past = new Date(Date.now() - ms);
  utimesSync(path, past, past);
}

describe('output directory lock', () => {
  it('waits for a lock held by a live process, then gives up with LOCK_HELD and writes nothing', async () => {
    const dir = temporaryDirectory();
    const pid = liveProcess();
    const lockPath = placeLock(dir, { pid, host: hostname(), token: 'theirs' });

    const error = await writeFiles(dir, sampleFiles(), { lockTimeoutMs: 150 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).code).toBe('LOCK_HELD');
    expect((error as Error).message).toContain(`process ${pid}`);
    expect((error as Error).message).toContain(lockPath);
    expect((error as Error).message).toContain('delete the lock file');
    expect(existsSync(join(dir, MANIFEST_FILE_NAME))).toBe(false);
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid, token: 'theirs' });
  });

  it('proceeds once the holder releases the lock', async () => {
    const dir = temporaryDirectory();
    const lockPath = placeLock(dir, { pid: liveProcess(), host: hostname(), token: 'theirs' });
    // Torn but fresh is still held; then the holder lets go.
    setTimeout(() => writeFileSync(lockPath, ''), 20);
    setTimeout(() => unlinkSync(lockPath), 120);
    const report = await writeFiles(dir, sampleFiles(), { lockTimeoutMs: 5_000 });
    expect(report.created).toHaveLength(5);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('breaks a stale lock left by a process that no longer exists', async () => {
    const dir = temporaryDirectory();
    placeLock(dir, { pid: await deadProcess(), host: hostname(), token: 'dead' });
    const report = await writeFiles(dir, sampleFiles(), { lockTimeoutMs: 0 });
    expect(report.created).toHaveLength(5);
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('judges a lock from another host by its age', async () => {
    const dir = temporaryDirectory();
    const lockPath = placeLock(dir, { pid: 1, host: 'elsewhere.invalid', token: 'remote' });
    await expect(writeFiles(dir, sampleFiles(), { lockTimeoutMs: 50 })).rejects.toBeInstanceOf(LockHeldError);
    age(lockPath, 11 * 60_000);
    expect((await writeFiles(dir, sampleFiles(), { lockTimeoutMs: 0 })).created).toHaveLength(5);
  });

  it('judges an empty (torn) lock file by its age', async () => {
    const dir = temporaryDirectory();
    const lockPath = placeLock(dir, '');
    await expect(writeFiles(dir, sampleFiles(), { lockTimeoutMs: 50 })).rejects.toThrow(/held by an unknown process/);
    age(lockPath, 60_000);
    expect((await writeFiles(dir, sampleFiles(), { lockTimeoutMs: 0 })).created).toHaveLength(5);
  });

  it('serialises two runs in one process, so the second sees the first one\'s output', async () => {
    const dir = temporaryDirectory();
    const [first, second] = await Promise.all([writeFiles(dir, sampleFiles('v1'), { batchSize: 1 }), writeFiles(dir, sampleFiles('v2'), { batchSize: 1 })]);
    expect(first.created).toHaveLength(5);
    expect(second.updated).toHaveLength(5);
    expect((await writeFiles(dir, sampleFiles('v2'))).upToDate).toBe(true);
  });

  it('never releases a lock that is no longer its own', async () => {
    const dir = temporaryDirectory();
    const lock = await acquireLock(dir, 0);
    // Our lock was judged stale and someone else took it over.
    writeFileSync(lock.path, JSON.stringify({ pid: process.pid, host: hostname(), token: 'someone-else' }));
    lock.release();
    expect(existsSync(lock.path)).toBe(true);
  });
});
