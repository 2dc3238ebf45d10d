import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFiles } from './disk-writer.js';
import { InvalidInputError } from './errors.js';
import { MANIFEST_FILE_NAME, parseManifest } from './manifest.js';
import { TEMPORARY_NAME_PATTERN } from './paths.js';
import { stampOutput } from './output-stamp.js';
import { signContents } from './signature.js';
import { readText, sampleFiles, temporaryDirectory, type TextFile } from './testing/fixtures.js';
import { writeFilesToTree } from './tree-writer.js';
// The real Nx Tree over a directory, as a generator gets it. Test-only; the writer never imports Nx.
import { FsTree } from 'nx/src/generators/tree.js';
import type { WritableFile } from './writable-file.js';

/** Each file of `files` with its text behind a counted function and the signature rr wrote it with. */
function deferred(dir: string, files: readonly TextFile[]): { files: WritableFile[]; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    files: files.map((file) => ({
      ...file,
      signature: signatureIn(dir, file.path),
      contents: () => {
        calls.push(file.path);
        return file.contents;
      },
    })),
  };
}

function signatureIn(dir: string, path: string): string {
  return parseManifest(readText(dir, MANIFEST_FILE_NAME), MANIFEST_FILE_NAME).get(path)!.signature;
}

describe('writeFiles: contents made on demand', () => {
  it('keeps intact files without asking for their contents, and writes nothing', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    const { files, calls } = deferred(dir, sampleFiles());

    const report = await writeFiles(dir, files);

    expect(calls).toEqual([]);
    expect(report).toMatchObject({ fileWrites: 0, upToDate: true });
    expect(report.unchanged).toHaveLength(5);
  });

  it('asks for the contents of a file that was deleted or edited by hand, and only of those', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    const { files, calls } = deferred(dir, sampleFiles());
    writeFileSync(join(dir, 'models/user.ts'), 'edited by hand\n');
    writeFileSync(join(dir, 'schema.json'), '{"edited": true}\n');

    const report = await writeFiles(dir, files, { force: true });

    expect(calls.sort()).toEqual(['models/user.ts', 'schema.json']);
    expect(report.updated).toEqual(['models/user.ts', 'schema.json']);
    const user = sampleFiles().find((file) => file.path === 'models/user.ts')!;
    expect(readText(dir, 'models/user.ts')).toBe(signContents(user.contents));
  });

  it('makes and writes the contents when the disk holds another signature', async () => {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    const next = sampleFiles('v2');
    const { files, calls } = deferred(dir, next);
    const v2 = await writeFiles(temporaryDirectory(), next);
    const promised = files.map((file) => ({ ...file, signature: signatureIn(v2.outputDir, file.path) }));

    const report = await writeFiles(dir, promised);

    expect(calls.sort()).toEqual(next.map((f) => f.path).sort());
    expect(report.updated).toHaveLength(5);
    for (const file of next) expect(readText(dir, file.path)).toBe(file.generated ? signContents(file.contents) : file.contents);
  });

  it('without an expected signature, makes each file once, in the order given, and writes it', async () => {
    const dir = temporaryDirectory();
    const given = [...sampleFiles()].reverse();
    const calls: string[] = [];
    const files = given.map((file) => ({ ...file, contents: () => (calls.push(file.path), file.contents) }));

    const report = await writeFiles(dir, files);

    expect(calls).toEqual(given.map((file) => file.path));
    expect(report.created).toHaveLength(5);
    for (const file of given) expect(readText(dir, file.path)).toBe(file.generated ? signContents(file.contents) : file.contents);
  });

  it('stages each file before it makes the next, so it holds one file of contents at a time', async () => {
    const dir = temporaryDirectory();
    const stagedWhenAsked: number[] = [];
    const files = sampleFiles().map((file) => ({
      ...file,
      contents: () => {
        stagedWhenAsked.push(readdirSync(dir, { recursive: true }).filter((name) => TEMPORARY_NAME_PATTERN.test(basename(String(name)))).length);
        return file.contents;
      },
    }));

    await writeFiles(dir, files);

    expect(stagedWhenAsked).toEqual(files.map((_, i) => i));
    expect(readdirSync(dir, { recursive: true }).filter((name) => TEMPORARY_NAME_PATTERN.test(basename(String(name))))).toEqual([]);
  });

  it('refuses an expected signature that is not one', async () => {
    const dir = temporaryDirectory();
    const error = await writeFiles(dir, [{ path: 'a.ts', contents: () => 'x', generated: true, signature: 'md5:1' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String((error as Error).message)).toContain('a.ts: the signature expected on disk must be "sha256:<64 hex>", got "md5:1"');
  });

  it('works the same through an Nx Tree', async () => {
    const dir = temporaryDirectory();
    await writeFiles(join(dir, 'out'), sampleFiles());
    const { files, calls } = deferred(join(dir, 'out'), sampleFiles());
    const tree = new FsTree(dir, false);

    const report = writeFilesToTree(tree, 'out', files);

    expect(calls).toEqual([]);
    expect(tree.listChanges()).toEqual([]);
    expect(report.upToDate).toBe(true);
  });
});

describe('writeFiles: a known stamp of the output', () => {
  async function recorded(): Promise<{ dir: string; knownStamp: string }> {
    const dir = temporaryDirectory();
    await writeFiles(dir, sampleFiles());
    const stamp = await stampOutput(dir);
    return { dir, knownStamp: stamp!.filesDigest };
  }

  it('reads back no file the manifest records as expected while the stamp holds, in every mode', async () => {
    const { dir, knownStamp } = await recorded();
    const { files, calls } = deferred(dir, sampleFiles());

    const checked = await writeFiles(dir, files, { mode: 'check', knownStamp });
    const written = await writeFiles(dir, files, { knownStamp });
    const unknown = await writeFiles(dir, files);

    expect(calls).toEqual([]);
    expect(checked).toMatchObject({ filesRead: 0, upToDate: true });
    // Under the lock, whose file the output directory now holds for a moment.
    expect(written).toMatchObject({ filesRead: 0, fileWrites: 0, upToDate: true });
    expect(written.unchanged).toHaveLength(5);
    expect(unknown).toMatchObject({ filesRead: 5, fileWrites: 0, upToDate: true });
  });

  it('reads every file once the stamp no longer holds, and finds the one edited by hand', async () => {
    const { dir, knownStamp } = await recorded();
    const { files, calls } = deferred(dir, sampleFiles());
    writeFileSync(join(dir, 'models/user.ts'), 'edited by hand\n');

    const report = await writeFiles(dir, files, { knownStamp });

    expect(report.filesRead).toBe(5);
    expect(calls).toEqual(['models/user.ts']);
    expect(report.skipped).toEqual([{ path: 'models/user.ts', reason: 'hand-edited', blocked: 'write' }]);
  });

  it('reads a file whose expected signature is not the one recorded, and only that one', async () => {
    const { dir, knownStamp } = await recorded();
    const next = sampleFiles('v2');
    const v2 = await writeFiles(temporaryDirectory(), next);
    const { files, calls } = deferred(dir, sampleFiles());
    const changed = files.map((file) => (file.path === 'models/post.ts' ? { ...file, signature: signatureIn(v2.outputDir, file.path), contents: () => next.find((f) => f.path === file.path)!.contents } : file));

    const report = await writeFiles(dir, changed, { knownStamp });

    expect(calls).toEqual([]);
    expect(report).toMatchObject({ filesRead: 1, updated: ['models/post.ts'] });
    expect(readText(dir, 'models/post.ts')).toBe(signContents(next.find((f) => f.path === 'models/post.ts')!.contents));
  });
});
