import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, rmdirSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFiles } from './disk-writer.js';
import {
  InvalidInputError,
  MalformedManifestError,
  OutOfDateError,
  OutputNotWritableError,
  UnsafePathError,
  WriteFailedError,
  WriterError,
} from './errors.js';
import { LOCK_FILE_NAME } from './lock.js';
import { MANIFEST_FILE_NAME, parseManifest, serializeManifest } from './manifest.js';
import { contentSignature, readSignature, signContents } from './signature.js';
import { generated, listFiles, manyFiles, readText, sampleFiles, snapshotTree, temporaryDirectory, verbatim } from './testing/fixtures.js';
import type { WritableFile } from './writable-file.js';

const OLD_TIME = new Date('2001-02-03T04:05:06Z');

/** Pins every file's mtime to a known past instant, so "not rewritten" does not depend on timer resolution. */
function ageFiles(dir: string): void {
  for (const path of listFiles(dir)) utimesSync(join(dir, path), OLD_TIME, OLD_TIME);
}

function manifestOf(dir: string) {
  return parseManifest(readText(dir, MANIFEST_FILE_NAME), MANIFEST_FILE_NAME);
}

/** The manifest must describe the disk: every entry's file exists and carries rr's bytes for that entry. */
function expectManifestMatchesDisk(dir: string): void {
  for (const entry of manifestOf(dir).values()) {
    const bytes = readFileSync(join(dir, entry.path));
    const header = readSignature(bytes);
    const signature = header?.valid ? header.signature : contentSignature(bytes);
    expect([entry.signature, entry.previousSignature], entry.path).toContain(signature);
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('writeFiles: first run', () => {
  it('creates every file, signs generated ones, writes verbatim ones as given, and records them in the manifest', async () => {
    const dir = join(temporaryDirectory(), 'out');
    const files = sampleFiles();
    const report = await writeFiles(dir, files);

    expect(report.created).toEqual(['index.ts', 'models/nested/comment.ts', 'models/post.ts', 'models/user.ts', 'schema.json']);
    expect([report.updated, report.unchanged, report.deleted, report.skipped]).toEqual([[], [], [], []]);
    // 5 files, the write-ahead manifest and the final one.
    expect(report.fileWrites).toBe(7);
    // out, out/models, out/models/nested: each once.
    expect(report.directoriesCreated).toBe(3);
    expect(report.upToDate).toBe(false);

    expect(readText(dir, 'models/user.ts')).toBe(signContents('export class User {}\n// v1\n'));
    expect(readText(dir, 'schema.json')).toBe('{ "variant": "v1" }\n');
    expect(listFiles(dir)).toEqual([MANIFEST_FILE_NAME, 'index.ts', 'models/nested/comment.ts', 'models/post.ts', 'models/user.ts', 'schema.json']);

    const manifest = manifestOf(dir);
    expect([...manifest.keys()]).toEqual(report.created);
    expect(manifest.get('models/user.ts')?.signature).toBe(contentSignature('export class User {}\n// v1\n'));
    expect(manifest.get('schema.json')?.signature).toBe(contentSignature('{ "variant": "v1" }\n'));
    expect([...manifest.values()].some((entry) => entry.pending)).toBe(false);
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('produces the same bytes whatever the input order', async () => {
    const first = temporaryDirectory();
    const second = temporaryDirectory();
    await writeFiles(first, sampleFiles());
    await writeFiles(second, [...sampleFiles()].reverse(), { batchSize: 1 });
    const bytesOf = (dir: string) => [...snapshotTree(dir)].map(([path, state]) => [path, typeof state === 'object' ? state.bytes : state]);
    expect(bytesOf(second)).toEqual(bytesOf(first));
  });

  it('writes nothing at all, not even a manifest, for an empty file list into an empty directory', async () => {
    const dir = temporaryDirectory();
    const report = await writeFiles(dir, []);
    expect(report.fileWrites).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFiles: incremental runs', () => {
  it('does not rewrite unchanged files: same mtime, same inode, zero writes', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    ageFiles(dir);
    const before = snapshotTree(dir);

    const report = await writeFiles(dir, sampleFiles());

    expect(report.unchanged).toHaveLength(5);
    expect([report.created, report.updated, report.deleted, report.skipped]).toEqual([[], [], [], []]);
    expect(report).toMatchObject({ fileWrites: 0, fileDeletions: 0, directoriesCreated: 0, directoriesRemoved: 0, manifestChanged: false, upToDate: true });
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('rewrites only the file whose bytes changed', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    ageFiles(dir);
    const before = snapshotTree(dir);

    const files = sampleFiles().map((file) => (file.path === 'models/post.ts' ? { ...file, contents: 'export class Post { id = 1; }\n' } : file));
    const report = await writeFiles(dir, files);

    expect(report.updated).toEqual(['models/post.ts']);
    expect(report.unchanged).toEqual(['index.ts', 'models/nested/comment.ts', 'models/user.ts', 'schema.json']);
    expect(report.fileWrites).toBe(3); // the file plus two manifest writes
    expect(report.directoriesCreated).toBe(0);
    const after = snapshotTree(dir);
    for (const path of report.unchanged) expect(after.get(path), path).toEqual(before.get(path));
    expect(readText(dir, 'models/post.ts')).toBe(signContents('export class Post { id = 1; }\n'));
    expectManifestMatchesDisk(dir);
  });

  it('does zero writes on a second run over 2,000 files', async () => {
    const dir = temporaryDirectory();
    const files = manyFiles(2000, 'v1');
    const cold = await writeFiles(dir, files);
    expect(cold.created).toHaveLength(2000);
    expect(cold.directoriesCreated).toBe(9); // models and models/group0…7, each once
    const started = performance.now();
    const warm = await writeFiles(dir, files);
    const elapsed = performance.now() - started;
    expect(warm.unchanged).toHaveLength(2000);
    expect(warm.fileWrites).toBe(0);
    // Not a timed assertion (the benchmark suite owns timing); printed to keep an eye on it.
    console.info(`second run over 2,000 unchanged files: ${elapsed.toFixed(1)} ms`);
  });
});

describe('writeFiles: prune', () => {
  it('deletes owned files that are no longer generated and the directories they emptied, never unowned files', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    writeFileSync(join(dir, 'models/handwritten.ts'), 'export const mine = 1;\n');
    writeFileSync(join(dir, 'notes.md'), '# mine\n');

    const remaining = sampleFiles().filter((file) => file.path !== 'models/post.ts' && file.path !== 'models/nested/comment.ts' && file.path !== 'schema.json');
    const report = await writeFiles(dir, remaining);

    expect(report.deleted).toEqual(['models/nested/comment.ts', 'models/post.ts', 'schema.json']);
    expect(report.fileDeletions).toBe(3);
    expect(report.directoriesRemoved).toBe(1); // models/nested; models still holds a hand-written file
    expect(listFiles(dir)).toEqual([MANIFEST_FILE_NAME, 'index.ts', 'models/handwritten.ts', 'models/user.ts', 'notes.md']);
    expect(readText(dir, 'models/handwritten.ts')).toBe('export const mine = 1;\n');
    expect([...manifestOf(dir).keys()]).toEqual(['index.ts', 'models/user.ts']);
  });

  it('forgets an owned file that was already deleted by hand', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    unlinkSync(join(dir, 'schema.json'));
    const report = await writeFiles(dir, sampleFiles().filter((file) => file.path !== 'schema.json'));
    expect(report.deleted).toEqual([]);
    expect(report.manifestChanged).toBe(true);
    expect(manifestOf(dir).has('schema.json')).toBe(false);
  });

  it('recreates an owned file deleted by hand that is still generated', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    rmSync(join(dir, 'models'), { recursive: true });
    const report = await writeFiles(dir, sampleFiles());
    expect(report.created).toEqual(['models/nested/comment.ts', 'models/post.ts', 'models/user.ts']);
    expect(report.directoriesCreated).toBe(2);
  });
});

describe('writeFiles: hand edits', () => {
  it('keeps and reports a hand-edited generated file, and keeps reporting it on later runs', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles('v1'));
    const edited = `${readText(dir, 'models/user.ts')}// my change\n`;
    writeFileSync(join(dir, 'models/user.ts'), edited);

    for (let run = 0; run < 2; run++) {
      const report = await writeFiles(dir, sampleFiles('v2'));
      expect(report.skipped).toEqual([{ path: 'models/user.ts', reason: 'hand-edited', blocked: 'write' }]);
      expect(report.upToDate).toBe(false);
      expect(readText(dir, 'models/user.ts')).toBe(edited);
      expect(manifestOf(dir).get('models/user.ts')?.signature).toBe(contentSignature('export class User {}\n// v1\n'));
    }
  });

  it('detects a hand edit of a verbatim (unsigned) file through the manifest', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles('v1'));
    writeFileSync(join(dir, 'schema.json'), '{ "mine": true }\n');
    const report = await writeFiles(dir, sampleFiles('v2'));
    expect(report.skipped).toEqual([{ path: 'schema.json', reason: 'hand-edited', blocked: 'write' }]);
    expect(readText(dir, 'schema.json')).toBe('{ "mine": true }\n');
  });

  it('keeps a hand-edited file that is no longer generated instead of pruning it', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    writeFileSync(join(dir, 'models/post.ts'), 'export class Post { mine = true; }\n');
    const report = await writeFiles(dir, sampleFiles().filter((file) => file.path !== 'models/post.ts'));
    expect(report.deleted).toEqual([]);
    expect(report.skipped).toEqual([{ path: 'models/post.ts', reason: 'hand-edited', blocked: 'delete' }]);
    expect(existsSync(join(dir, 'models/post.ts'))).toBe(true);
  });

  it('overwrites and prunes hand-edited files with force, and says so', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles('v1'));
    writeFileSync(join(dir, 'models/user.ts'), 'edited\n');
    writeFileSync(join(dir, 'models/post.ts'), 'edited\n');
    const files = sampleFiles('v2').filter((file) => file.path !== 'models/post.ts');

    const report = await writeFiles(dir, files, { force: true });

    expect(report.forced).toEqual(['models/post.ts', 'models/user.ts']);
    expect(report.updated).toContain('models/user.ts');
    expect(report.deleted).toEqual(['models/post.ts']);
    expect(report.skipped).toEqual([]);
    expect(readText(dir, 'models/user.ts')).toBe(signContents('export class User {}\n// v2\n'));
    expectManifestMatchesDisk(dir);
  });
});

describe('writeFiles: ownership without a manifest', () => {
  it('recognises its generated files by their header, adopts identical files, and never touches unowned ones', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles('v1'));
    unlinkSync(join(dir, MANIFEST_FILE_NAME));
    const editedComment = `${readText(dir, 'models/nested/comment.ts')}// my change\n`;
    writeFileSync(join(dir, 'models/nested/comment.ts'), editedComment);
    writeFileSync(join(dir, 'schema.json'), '{ "someone": "else" }\n');
    // index.ts stays at v1, so it is byte-identical to what is on disk.
    const files = sampleFiles('v2').map((file) => (file.path === 'index.ts' ? (sampleFiles('v1')[0] as WritableFile) : file));

    const report = await writeFiles(dir, files);
    expect(report.unchanged).toEqual(['index.ts']);
    // Signed header, body of an earlier run: rr's own bytes, so they are replaced.
    expect(report.updated).toEqual(['models/post.ts', 'models/user.ts']);
    expect(report.skipped).toEqual([
      { path: 'models/nested/comment.ts', reason: 'hand-edited', blocked: 'write' },
      { path: 'schema.json', reason: 'unowned', blocked: 'write' },
    ]);
    expect(readText(dir, 'models/nested/comment.ts')).toBe(editedComment);
    expect([...manifestOf(dir).keys()]).toEqual(['index.ts', 'models/nested/comment.ts', 'models/post.ts', 'models/user.ts']);

    // force overwrites the hand edit, but a file rr never owned stays untouched even then.
    const forced = await writeFiles(dir, files, { force: true });
    expect(forced.updated).toEqual(['models/nested/comment.ts']);
    expect(forced.forced).toEqual(['models/nested/comment.ts']);
    expect(forced.skipped).toEqual([{ path: 'schema.json', reason: 'unowned', blocked: 'write' }]);
    expect(readText(dir, 'schema.json')).toBe('{ "someone": "else" }\n');
    expectManifestMatchesDisk(dir);
  });
});

describe('writeFiles: path safety', () => {
  const escapes: readonly [string, string][] = [
    ['parent segment', '../escape.ts'],
    ['nested parent segment', 'models/../../escape.ts'],
    ['absolute path', '/tmp/escape.ts'],
    ['windows drive', 'C:/escape.ts'],
    ['backslash', 'models\\..\\..\\escape.ts'],
    ['empty segment', 'models//x.ts'],
    ['empty path', ''],
  ];

  it.each(escapes)('refuses a %s before writing anything', async (_, path) => {
    const parent = temporaryDirectory();
    const dir = join(parent, 'out');
    // The bad path comes last, so a writer that checked lazily would already have written the rest.
    const error = await caught(writeFiles(dir, [...sampleFiles(), generated(path, 'x')]));
    expect(error).toBeInstanceOf(UnsafePathError);
    expect((error as UnsafePathError).code).toBe('UNSAFE_PATH');
    expect((error as UnsafePathError).violations.map((v) => v.path)).toEqual([path]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('lists every bad path in one error', async () => {
    const dir = temporaryDirectory();
    const error = (await caught(writeFiles(dir, [generated('../a.ts', ''), generated('/b.ts', ''), generated('ok.ts', '')]))) as UnsafePathError;
    expect(error.violations.map((v) => v.path)).toEqual(['../a.ts', '/b.ts']);
    expect(error.message).toContain('Nothing was written');
  });

  it('refuses a symlinked directory inside the output that leads out, before any write', async () => {
    const dir = temporaryDirectory();
    const outside = temporaryDirectory();
    await writeFiles(dir, sampleFiles('v1'));
    const before = snapshotTree(dir);
    symlinkSync(outside, join(dir, 'generated'));

    const error = await caught(writeFiles(dir, [...sampleFiles('v2'), generated('generated/evil.ts', 'x')]));

    expect(error).toBeInstanceOf(UnsafePathError);
    expect((error as UnsafePathError).violations).toEqual([{ path: 'generated', reason: expect.stringContaining('outside the output directory') }]);
    expect(readdirSync(outside)).toEqual([]);
    const after = snapshotTree(dir);
    after.delete('generated');
    expect(after).toEqual(before);
  });

  it('refuses a symlinked file that leads out', async () => {
    const dir = temporaryDirectory();
    const outside = temporaryDirectory();
    writeFileSync(join(outside, 'secret.ts'), 'secret\n');
    symlinkSync(join(outside, 'secret.ts'), join(dir, 'index.ts'));
    const error = await caught(writeFiles(dir, sampleFiles()));
    expect(error).toBeInstanceOf(UnsafePathError);
    expect((error as UnsafePathError).violations.map((v) => v.path)).toEqual(['index.ts']);
    expect(readFileSync(join(outside, 'secret.ts'), 'utf8')).toBe('secret\n');
    expect(listFiles(dir)).toEqual([]);
    // The files staged before the link was found are gone, and so are the directories made for them.
    expect(readdirSync(dir, { recursive: true })).toEqual(['index.ts']);
  });

  it('refuses to prune through a symlink that leads out (a manifest entry under a swapped directory)', async () => {
    const dir = temporaryDirectory();
    const outside = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    mkdirSync(join(outside, 'nested'));
    writeFileSync(join(outside, 'nested/comment.ts'), readText(dir, 'models/nested/comment.ts'));
    rmSync(join(dir, 'models/nested'), { recursive: true });
    symlinkSync(join(outside, 'nested'), join(dir, 'models/nested'));

    const error = await caught(writeFiles(dir, sampleFiles().filter((file) => file.path !== 'models/nested/comment.ts')));
    expect(error).toBeInstanceOf(UnsafePathError);
    expect(existsSync(join(outside, 'nested/comment.ts'))).toBe(true);
  });

  it('follows a symlinked directory that stays inside the output directory', async () => {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'models'));
    const report = await writeFiles(dir, sampleFiles());
    expect(report.created).toHaveLength(5);
    expect(readText(dir, 'real/user.ts')).toBe(signContents('export class User {}\n// v1\n'));
  });

  it('refuses a manifest entry that points out of the output directory', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, MANIFEST_FILE_NAME), JSON.stringify({ version: 1, files: [{ path: '../victim.ts', signature: contentSignature('x') }] }));
    const error = await caught(writeFiles(dir, sampleFiles()));
    expect(error).toBeInstanceOf(MalformedManifestError);
    expect(listFiles(dir)).toEqual([MANIFEST_FILE_NAME]);
  });

  it('refuses duplicates, case-only differences, file/directory clashes and reserved names', async () => {
    const dir = temporaryDirectory();
    const error = (await caught(
      writeFiles(dir, [
        generated('a.ts', ''),
        generated('a.ts', ''),
        generated('Models/User.ts', ''),
        generated('models/user.ts', ''),
        generated('x', ''),
        generated('x/y.ts', ''),
        verbatim(MANIFEST_FILE_NAME, '{}'),
      ]),
    )) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.problems).toEqual([
      'a.ts: listed more than once',
      'models/user.ts and Models/User.ts differ only in letter case',
      `${MANIFEST_FILE_NAME}: the name is reserved for the writer's own bookkeeping`,
      'x is a file, but x/y.ts needs it to be a directory',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFiles: dry run and check', () => {
  it('dry run reports what would happen and writes nothing, not even the output directory', async () => {
    const parent = temporaryDirectory();
    const dir = join(parent, 'out');
    const report = await writeFiles(dir, sampleFiles(), { mode: 'dry-run' });
    expect(report.created).toHaveLength(5);
    expect(report).toMatchObject({ mode: 'dry-run', fileWrites: 0, directoriesCreated: 0, manifestChanged: true, upToDate: false });
    expect(readdirSync(parent)).toEqual([]);
  });

  it('dry run over an existing output leaves every byte and mtime as it was', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles('v1'));
    writeFileSync(join(dir, 'models/user.ts'), 'edited\n');
    ageFiles(dir);
    const before = snapshotTree(dir);

    const files = [...sampleFiles('v2').filter((file) => file.path !== 'schema.json'), generated('models/tag.ts', 'export class Tag {}\n')];
    const report = await writeFiles(dir, files, { mode: 'dry-run' });

    expect(report.created).toEqual(['models/tag.ts']);
    expect(report.updated).toEqual(['index.ts', 'models/nested/comment.ts', 'models/post.ts']);
    expect(report.deleted).toEqual(['schema.json']);
    expect(report.skipped).toEqual([{ path: 'models/user.ts', reason: 'hand-edited', blocked: 'write' }]);
    expect(snapshotTree(dir)).toEqual(before);

    // And a real run does what the dry run said.
    const real = await writeFiles(dir, files);
    // The dry run found differences, so it vouches for no manifest; the real run for the one it wrote.
    expect(report.manifestSignature).toBeNull();
    expect(real.manifestSignature).toBe(contentSignature(readFileSync(join(dir, MANIFEST_FILE_NAME))));
    expect({ ...real, mode: 'dry-run', fileWrites: 0, fileDeletions: 0, directoriesCreated: 0, directoriesRemoved: 0, manifestSignature: null }).toEqual(report);
  });

  it('check passes when the output is up to date', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    const report = await writeFiles(dir, sampleFiles(), { mode: 'check' });
    expect(report.upToDate).toBe(true);
    // Up to date, it vouches for the manifest it found, as a writing run for the one it leaves.
    expect(report.manifestSignature).toBe(contentSignature(readFileSync(join(dir, MANIFEST_FILE_NAME))));
    expect((await writeFiles(dir, sampleFiles())).manifestSignature).toBe(report.manifestSignature);
  });

  it('check fails with the list of changes, and writes nothing', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles('v1'));
    ageFiles(dir);
    const before = snapshotTree(dir);

    const error = (await caught(writeFiles(dir, sampleFiles('v2'), { mode: 'check' }))) as OutOfDateError;

    expect(error).toBeInstanceOf(OutOfDateError);
    expect(error.code).toBe('OUT_OF_DATE');
    expect(error.report.updated).toHaveLength(5);
    expect(error.message).toContain('update models/user.ts');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('check fails on a hand-edited file and on a missing output directory', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    writeFileSync(join(dir, 'index.ts'), 'edited\n');
    await expect(writeFiles(dir, sampleFiles(), { mode: 'check' })).rejects.toThrow(/hand-edited index\.ts/);
    await expect(writeFiles(join(dir, 'missing'), sampleFiles(), { mode: 'check' })).rejects.toBeInstanceOf(OutOfDateError);
  });
});

/** Five files in directory a, then five in directory b. */
function filesInDirectoriesAAndB() {
  return [...Array.from({ length: 5 }, (_, i) => generated(`a/file${i}.ts`, `a${i}\n`)), ...Array.from({ length: 5 }, (_, i) => generated(`b/file${i}.ts`, `b${i}\n`))];
}

/**
 * Once `ready()` holds (checked at every turn of the event loop, which the writer yields to
 * between batches), replaces directory b of `dir`, contents and all, with a file: a real ENOTDIR
 * from the file system, no mock involved.
 */
function replaceDirectoryBWithAFile(dir: string, ready: () => boolean): { done: () => boolean } {
  let done = false;
  const attempt = () => {
    if (!ready()) return void setImmediate(attempt);
    rmSync(join(dir, 'b'), { recursive: true });
    writeFileSync(join(dir, 'b'), 'in the way\n');
    done = true;
  };
  setImmediate(attempt);
  return { done: () => done };
}

describe('writeFiles: bad output and faults', () => {
  it('says so when a file stands where the output directory should be', async () => {
    const parent = temporaryDirectory();
    writeFileSync(join(parent, 'out'), 'not a directory\n');
    const error = (await caught(writeFiles(join(parent, 'out'), sampleFiles()))) as OutputNotWritableError;
    expect(error).toBeInstanceOf(OutputNotWritableError);
    expect(error.code).toBe('OUTPUT_NOT_WRITABLE');
    expect(error.message).toContain(join(parent, 'out'));
    expect(readFileSync(join(parent, 'out'), 'utf8')).toBe('not a directory\n');
  });

  it('says so when a file stands where a subdirectory should be, before writing anything', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'models'), 'in the way\n');
    const error = (await caught(writeFiles(dir, sampleFiles()))) as OutputNotWritableError;
    expect(error).toBeInstanceOf(OutputNotWritableError);
    expect(error.message).toMatch(/models: is not a directory, but models\/\S+ must be written inside it/);
    expect(listFiles(dir)).toEqual(['models']);
  });

  it('says so when a directory stands where a file should be', async () => {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, 'index.ts'));
    await expect(writeFiles(dir, sampleFiles())).rejects.toThrow(OutputNotWritableError);
    expect(listFiles(dir)).toEqual([]);
  });

  it('refuses a malformed manifest without writing', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, MANIFEST_FILE_NAME), '{"version": 1, "files": [');
    const error = (await caught(writeFiles(dir, sampleFiles()))) as MalformedManifestError;
    expect(error).toBeInstanceOf(MalformedManifestError);
    expect(error).toBeInstanceOf(WriterError);
    expect(error.message).toContain(join(dir, MANIFEST_FILE_NAME));
    expect(error.message).toContain('Delete the file');
    expect(listFiles(dir)).toEqual([MANIFEST_FILE_NAME]);
  });

  it('refuses bad options', async () => {
    await expect(writeFiles(temporaryDirectory(), [], { batchSize: 0 })).rejects.toThrow(InvalidInputError);
    await expect(writeFiles(temporaryDirectory(), [], { mode: 'nope' as 'write' })).rejects.toThrow(/mode "nope"/);
  });

  it('fails midway with the lists of written and unwritten files, and a manifest that matches the disk', async () => {
    const dir = temporaryDirectory();
    const files = filesInDirectoriesAAndB();
    // Between two batches of renames: directory b goes, staged files and all.
    const sabotage = replaceDirectoryBWithAFile(dir, () => existsSync(join(dir, 'a/file0.ts')));

    const error = (await caught(writeFiles(dir, files, { batchSize: 1 }))) as WriteFailedError;

    expect(sabotage.done()).toBe(true);
    expect(error).toBeInstanceOf(WriteFailedError);
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.failedPath).toBe(join(dir, 'b/file0.ts'));
    expect(error.written.length).toBeGreaterThanOrEqual(1);
    expect([...error.written, ...error.notWritten].sort()).toEqual(files.map((f) => f.path).sort());
    expect(error.notWritten).toContain('b/file0.ts');
    expect(error.manifestUpdated).toBe(true);
    expect(error.message).toContain('not written');
    expect([...manifestOf(dir).keys()]).toEqual(error.written);
    expectManifestMatchesDisk(dir);
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);

    // Clear the obstacle: the next run finishes the job.
    unlinkSync(join(dir, 'b'));
    const report = await writeFiles(dir, files);
    expect(report.created).toEqual(error.notWritten);
    expect(report.unchanged).toEqual(error.written);
    expectManifestMatchesDisk(dir);
  });

  it('fails while staging with the path that could not be written, and leaves the output as it was', async () => {
    const dir = temporaryDirectory();
    const files = filesInDirectoriesAAndB();
    // Once staging has made directory b: the next staged file meets the file in its place
    // before any file of the output changed.
    const sabotage = replaceDirectoryBWithAFile(dir, () => existsSync(join(dir, 'b')));

    const error = (await caught(writeFiles(dir, files, { batchSize: 1 }))) as OutputNotWritableError;

    expect(sabotage.done()).toBe(true);
    expect(error).toBeInstanceOf(OutputNotWritableError);
    expect(error.message).toMatch(new RegExp(`${join(dir, 'b/file\\d\\.ts').replace(/\//g, '\\/')}.*ENOTDIR.*nothing in the output was changed`));
    expect(readdirSync(dir, { recursive: true })).toEqual(['b']);
  });

  it('recovers from a write-ahead manifest left by an interrupted run, and removes its temporary files', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles('v1'));
    // What a run killed while replacing schema.json (v1 → v2) leaves: the v1 bytes, a pending entry
    // naming both signatures, and a torn temporary file beside it. schema.json is unsigned, so only
    // the pending entry can tell its v1 bytes from a hand edit.
    const v1 = contentSignature('{ "variant": "v1" }\n');
    const v2 = contentSignature('{ "variant": "v2" }\n');
    const manifest = new Map(parseManifest(readText(dir, MANIFEST_FILE_NAME), MANIFEST_FILE_NAME));
    manifest.set('schema.json', { path: 'schema.json', signature: v2, previousSignature: v1, pending: true });
    const pendingManifest = serializeManifest(manifest.values());
    expect(pendingManifest).toContain('pending');
    writeFileSync(join(dir, MANIFEST_FILE_NAME), pendingManifest);
    writeFileSync(join(dir, '.schema.json.99999.0.rr-tmp'), '{ "varia');

    const report = await writeFiles(dir, sampleFiles('v2'));
    expect(report.skipped).toEqual([]);
    expect(report.updated).toContain('schema.json');
    expect(readText(dir, 'schema.json')).toBe('{ "variant": "v2" }\n');
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_FILE_NAME, 'index.ts', 'models', 'schema.json']);
    expect(readText(dir, MANIFEST_FILE_NAME)).not.toContain('pending');
  });
});
