import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli as run } from '../cli/testing/run-cli.js';
import { blogSnapshot, writeSnapshot } from './blog.test-support.js';

// `rrgen generate` is where the CLI meets the pipeline: --profile, --verbose and the --json stages.
const work = mkdtempSync(join(tmpdir(), 'rrgen-profile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let snapshot: string;
beforeAll(async () => {
  snapshot = writeSnapshot(work, await blogSnapshot());
});


describe('rrgen generate --profile / --verbose', () => {
  it('--json carries the profile and one entry per stage', async () => {
    const { code, stdout } = await run('generate', '--snapshot', snapshot, '--out', join(work, 'json'), '--json', '--profile', 'production');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.profile).toBe('production');
    // Seven models are below the production profile's parallelMinModels: no worker threads.
    expect(summary.profile).toBe('production');
    expect(summary.stages.map((s: { stage: string }) => s.stage)).toEqual(['run-record', 'introspect', 'map', 'render', 'write']);
    expect(Object.keys(summary.stages[0]).sort()).toEqual(['heapUsedDeltaMb', 'heapUsedMb', 'ms', 'rssMb', 'stage']);
  });

  it('--verbose prints one line per stage with time and memory on stderr', async () => {
    const { code, stderr } = await run('generate', '--snapshot', snapshot, '--out', join(work, 'verbose'), '--verbose', '--profile', 'development');
    expect(code).toBe(0);
    const lines = stderr.split('\n').filter((l) => / ms, heap [+-]?\d/.test(l));
    expect(lines.map((l) => l.trim().split(':')[0])).toEqual(['run-record', 'introspect', 'map', 'render', 'write']);
    expect(stderr).toMatch(/profile development; stages:/);
    expect(lines[1]).toMatch(/^ {2}introspect: [\d.]+ ms, heap [+-]?[\d.]+ MB \([\d.]+ MB\), rss [\d.]+ MB$/);
  });

  it('takes the profile from rr.config.json', async () => {
    const config = join(work, 'rr.config.json');
    writeFileSync(config, JSON.stringify({ performance: { staging: { parallel: false } } }));
    const { stdout } = await run('generate', '--snapshot', snapshot, '--out', join(work, 'configured'), '--json', '--profile', 'staging', '--config', config);
    expect(JSON.parse(stdout).stages.map((s: { stage: string }) => s.stage)).toEqual(['run-record', 'introspect', 'map', 'render', 'write']);
  });

  it('an unknown --profile or an invalid profile value exits 2 naming the flag or key, before any work', async () => {
    const unknown = await run('generate', '--snapshot', snapshot, '--out', join(work, 'never'), '--profile', 'prod');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--profile.*unknown profile "prod".*development, staging, production/);
    const config = join(work, 'bad.config.json');
    writeFileSync(config, JSON.stringify({ performance: { production: { batchSize: 0 } } }));
    const invalid = await run('generate', '--snapshot', snapshot, '--out', join(work, 'never'), '--config', config);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/\(performance\.production\.batchSize\): must be a positive whole number, got 0/);
  });
});
