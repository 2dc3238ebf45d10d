/**
 * The installed `rrgen` when whatever reads its output goes away early (`rrgen … --json | head
 * -c 0`): the run is not the reader's to end. It finishes, writes its files and exits with its
 * own code, with no stack trace about the pipe.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { RRGEN } from './support/rrgen.js';
import { EXAMPLES } from './support/workspace.js';

const work = mkdtempSync(join(tmpdir(), 'rr-e2e-cli-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs rrgen with its stdout pipe closed on this side before it can write anything. */
function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(RRGEN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CACHE_DIR: join(work, 'cache') } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('rrgen with a reader that stops reading', () => {
  it('generate --json still writes its files and exits 0, without a stack trace', async () => {
    const out = join(work, 'out');

    const run = await runWithClosedStdout(['generate', '--snapshot', join(EXAMPLES, 'blog', 'rr.schema.json'), '--out', out, '--json']);

    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(out, '.rr-manifest.json'))).toBe(true);
  });
});
