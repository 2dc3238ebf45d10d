import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { writeFiles } from './disk-writer.js';
import { MANIFEST_FILE_NAME } from './manifest.js';
import { stampOutput } from './output-stamp.js';
import { contentSignature } from './signature.js';
import { sampleFiles, temporaryDirectory } from './testing/fixtures.js';

/**
 * Returns once the file system's clock has moved on from now, as seen through a probe file's
 * times, so that a change made next cannot share a tick with what was written before.
 */
function afterClockTick(dir: string): void {
  const probe = join(dirname(dir), `${basename(dir)}.probe`);
  writeFileSync(probe, '');
  const before = statSync(probe, { bigint: true }).mtimeNs;
  while (statSync(probe, { bigint: true }).mtimeNs === before) writeFileSync(probe, '');
  rmSync(probe);
}

async function written(): Promise<string> {
  const dir = temporaryDirectory();
  await writeFiles(dir, sampleFiles());
  afterClockTick(dir);
  return dir;
}

describe('stampOutput', () => {
  it('is the same while nothing changes, and covers the files the manifest lists', async () => {
    const dir = await written();
    const first = await stampOutput(dir);
    const second = await stampOutput(dir);

    expect(first).not.toBeNull();
    expect(second).toEqual(first);
    expect(first!.files).toEqual(['index.ts', 'models/nested/comment.ts', 'models/post.ts', 'models/user.ts', 'schema.json']);
    expect(first!.device).toBe(statSync(dir, { bigint: true }).dev);
    expect(first!.newestChangeNs).toBeGreaterThanOrEqual(statSync(join(dir, MANIFEST_FILE_NAME), { bigint: true }).ctimeNs);
    expect(first!.manifestSignature).toBe(contentSignature(readFileSync(join(dir, MANIFEST_FILE_NAME))));
  });

  it('moves when a file is written again with the same bytes, or its times are set back to what they were', async () => {
    const dir = await written();
    const before = await stampOutput(dir);
    const file = join(dir, 'models', 'user.ts');
    writeFileSync(file, readFileSync(file));
    const rewritten = await stampOutput(dir);
    afterClockTick(dir);
    const { atime, mtime } = statSync(file);
    utimesSync(file, atime, mtime);
    const touched = await stampOutput(dir);

    expect(rewritten!.digest).not.toBe(before!.digest);
    expect(rewritten!.filesDigest).not.toBe(before!.filesDigest);
    expect(touched!.digest).not.toBe(rewritten!.digest);
    expect(touched!.filesDigest).not.toBe(rewritten!.filesDigest);
    expect(touched!.newestChangeNs).toBeGreaterThan(before!.newestChangeNs);
  });

  it('moves when a file appears beside the listed ones, without counting the directory as a newer change; its files digest stays', async () => {
    const dir = await written();
    const before = await stampOutput(dir);
    writeFileSync(join(dir, 'models', 'nested', '.comment.ts.left-over'), 'x');
    const after = await stampOutput(dir);

    expect(after!.digest).not.toBe(before!.digest);
    expect(after!.newestChangeNs).toBe(before!.newestChangeNs);
    // What the listed files hold is what it was: the writer's own lock file comes and goes so.
    expect(after!.filesDigest).toBe(before!.filesDigest);
  });

  it('is null where rr could not vouch for the output: no manifest, a listed file missing or not a file, a pending entry', async () => {
    expect(await stampOutput(join(temporaryDirectory(), 'missing'))).toBeNull();
    expect(await stampOutput(temporaryDirectory())).toBeNull();

    const gone = await written();
    rmSync(join(gone, 'models', 'post.ts'));
    expect(await stampOutput(gone)).toBeNull();

    const replaced = await written();
    rmSync(join(replaced, 'schema.json'));
    mkdirSync(join(replaced, 'schema.json'));
    expect(await stampOutput(replaced)).toBeNull();

    const pending = await written();
    const manifestPath = join(pending, MANIFEST_FILE_NAME);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { path: string; pending?: true }[] };
    manifest.files[0]!.pending = true;
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    expect(await stampOutput(pending)).toBeNull();
  });
});
