import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './scratch.js';

/** One command in a fresh process: wall time, and peak RSS as GNU time reports it (`%M`, KiB). */
export interface ProcessRun {
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly stdout: string;
}

const TIME = '/usr/bin/time';

/**
 * Runs `command` under GNU time, which writes the child's maximum resident set size to a file of
 * its own (`-o`), so the child's stderr stays the child's. Wall time is measured here, around
 * the whole child. Throws with the child's output when it fails.
 */
export function timedRun(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ProcessRun {
  const scratch = scratchDir('time');
  const report = join(scratch, 'time.txt');
  try {
    const started = performance.now();
    const child = spawnSync(TIME, ['-f', '%M', '-o', report, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    });
    const wallMs = performance.now() - started;
    if (child.error) throw new Error(`cannot run ${TIME} (GNU time, Debian package "time"): ${child.error.message}`);
    if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${child.status}:\n${child.stdout}\n${child.stderr}`);
    const peakKiB = Number(readFileSync(report, 'utf8').trim().split('\n').at(-1));
    return { wallMs, peakRssMiB: peakKiB / 1024, stdout: child.stdout };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Writes every dirty page out (`sync`), untimed, so that a run does not pay for the writeback of
 * the files the run or suite before it created: each process is then measured against a quiet
 * disk, as a run of its own would be. Where there is no `sync` (Windows) it does nothing.
 */
export function settleDisk(): void {
  if (process.platform === 'win32') return;
  const child = spawnSync('sync', [], { stdio: 'ignore' });
  if (child.error) throw new Error(`cannot run sync to settle the disk between runs: ${child.error.message}`);
}

/** Files under `dir` and their total size in bytes. */
export function treeSize(dir: string): { readonly files: number; readonly bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
