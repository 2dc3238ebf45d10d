import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { REPO_ROOT } from './workspace.js';

/** The rrgen bin as npm installed it: what a user without Nx runs. */
export const RRGEN = join(REPO_ROOT, 'node_modules/.bin/rrgen');

export interface RrgenExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RrgenOptions {
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Called once the child is started, with a function that kills it with SIGKILL. */
  readonly onSpawn?: (kill: () => void) => void;
}

/** Runs the installed rrgen in a child process; never throws on a non-zero exit. */
export function runRrgen(args: readonly string[], options: RrgenOptions = {}): Promise<RrgenExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(RRGEN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onSpawn?.(() => child.kill('SIGKILL'));
  });
}
