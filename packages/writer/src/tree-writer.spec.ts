import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
// FsTree over a real directory (createTreeWithEmptyWorkspace's tree lives at a virtual root), to
// check what Nx would flush to disk. Test-only; the writer itself never imports Nx.
import { flushChanges, FsTree } from 'nx/src/generators/tree.js';
import { mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFiles } from './disk-writer.js';
import { OutOfDateError, OutputNotWritableError, UnsafePathError, WriterError } from './errors.js';
import { MANIFEST_FILE_NAME } from './manifest.js';
import type { WriteOptions } from './options.js';
import type { WriteReport } from './report.js';
import { generated, readText, sampleFiles, snapshotTree, temporaryDirectory } from './testing/fixtures.js';
import { writeFilesToTree, type WriterTree } from './tree-writer.js';
import type { WritableFile } from './writable-file.js';

const OUTPUT = 'libs/models/src/generated';

/** Regular files under `dir` in the tree, with their text, sorted by path. */
function treeFiles(tree: Tree, dir: string): [string, string][] {
  const result: [string, string][] = [];
  const walk = (relative: string) => {
    const absolute = relative === '' ? dir : `${dir}/${relative}`;
    for (const name of tree.children(absolute).sort()) {
      const path = relative === '' ? name : `${relative}/${name}`;
      if (tree.isFile(`${dir}/${path}`)) result.push([path, tree.read(`${dir}/${path}`, 'utf8') ?? '']);
      else walk(path);
    }
  };
  walk('');
  return result.sort(([a], [b]) => (a < b ? -1 : 1));
}

function diskFiles(dir: string): [string, string][] {
  return [...snapshotTree(dir)].flatMap(([path, state]) => (typeof state === 'object' ? [[path, readText(dir, path)] as [string, string]] : []));
}

/** What must be identical between the adapters (the disk also counts its write-ahead manifest write, the Tree has none). */
function semantics(report: WriteReport) {
  const { outputDir: _outputDir, fileWrites: _fileWrites, ...rest } = report;
  return rest;
}

function outcome(run: () => WriteReport | Promise<WriteReport>): Promise<{ report?: ReturnType<typeof semantics>; error?: { code: string; report?: ReturnType<typeof semantics> } }> {
  return Promise.resolve()
    .then(run)
    .then(
      (report) => ({ report: semantics(report) }),
      (error: unknown) => {
        if (!(error instanceof WriterError)) throw error;
        return { error: { code: error.code, ...(error instanceof OutOfDateError ? { report: semantics(error.report) } : {}) } };
      },
    );
}

describe('writeFilesToTree', () => {
  it('accepts a real Nx Tree through its structural interface', () => {
    const tree: WriterTree = createTreeWithEmptyWorkspace();
    expect(writeFilesToTree(tree, OUTPUT, sampleFiles()).created).toHaveLength(5);
  });

  it('behaves exactly like the disk writer, step by step', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const diskDir = join(temporaryDirectory(), OUTPUT);
    const v2 = [...sampleFiles('v2').filter((file) => file.path !== 'schema.json'), generated('models/tag.ts', 'export class Tag {}\n')];
    const v3 = sampleFiles('v3').filter((file) => file.path !== 'models/nested/comment.ts');

    const steps: [string, (write: (files: readonly WritableFile[], options?: WriteOptions) => WriteReport | Promise<WriteReport>, edit: (path: string, text: string | null) => void) => WriteReport | Promise<WriteReport>][] = [
      ['first write', (write) => write(sampleFiles('v1'))],
      ['nothing changed', (write) => write(sampleFiles('v1'))],
      [
        'hand edit, then a run that adds, updates and prunes',
        (write, edit) => {
          edit('models/user.ts', 'export class User { mine = true; }\n');
          return write(v2);
        },
      ],
      ['dry run', (write) => write(v3, { mode: 'dry-run' })],
      ['check', (write) => write(v3, { mode: 'check' })],
      ['without force', (write) => write(v3)],
      ['with force', (write) => write(v3, { force: true })],
      [
        'manifest lost, an unowned file in the way',
        (write, edit) => {
          edit(MANIFEST_FILE_NAME, null);
          edit('models/extra.ts', 'export const mine = 1;\n');
          return write([...v3, generated('models/extra.ts', 'export const extra = 1;\n')]);
        },
      ],
      ['check again', (write) => write([...v3, generated('models/extra.ts', 'export const extra = 1;\n')], { mode: 'check' })],
      ['unsafe path', (write) => write([...v3, generated('../escape.ts', '')])],
      ['everything pruned', (write) => write([])],
    ];

    for (const [name, step] of steps) {
      const onDisk = await outcome(() =>
        step(
          (files, options) => writeFiles(diskDir, files, options),
          (path, text) => (text === null ? unlinkSync(join(diskDir, path)) : writeFileSync(join(diskDir, path), text)),
        ),
      );
      const inTree = await outcome(() =>
        step(
          (files, options) => writeFilesToTree(tree, OUTPUT, files, options),
          (path, text) => (text === null ? tree.delete(`${OUTPUT}/${path}`) : tree.write(`${OUTPUT}/${path}`, text)),
        ),
      );
      expect(inTree, name).toEqual(onDisk);
      expect(treeFiles(tree, OUTPUT), name).toEqual(diskFiles(diskDir));
    }
  });

  it('records exactly the changes the report lists, so `nx g --dry-run` shows them', async () => {
    const workspace = temporaryDirectory();
    await writeFiles(join(workspace, OUTPUT), sampleFiles('v1'));
    const tree = new FsTree(workspace, false);
    const files = [...sampleFiles('v1').filter((file) => file.path !== 'schema.json' && file.path !== 'index.ts'), ...sampleFiles('v2').slice(0, 1), generated('models/tag.ts', '')];

    const report = writeFilesToTree(tree, OUTPUT, files);

    expect([report.created, report.updated, report.deleted]).toEqual([['models/tag.ts'], ['index.ts'], ['schema.json']]);
    const changes = tree.listChanges().map((change) => [change.type, change.path.slice(OUTPUT.length + 1)]);
    expect(changes.sort()).toEqual([
      ['CREATE', 'models/tag.ts'],
      ['DELETE', 'schema.json'],
      ['UPDATE', '.rr-manifest.json'],
      ['UPDATE', 'index.ts'],
    ]);
    expect(report.fileWrites).toBe(3);

    flushChanges(workspace, tree.listChanges());
    expect(writeFilesToTree(new FsTree(workspace, false), OUTPUT, files, { mode: 'check' }).upToDate).toBe(true);
  });

  it('changes nothing in dry-run and check modes', () => {
    const tree = createTreeWithEmptyWorkspace();
    const before = tree.listChanges().length;
    expect(writeFilesToTree(tree, OUTPUT, sampleFiles(), { mode: 'dry-run' }).created).toHaveLength(5);
    expect(() => writeFilesToTree(tree, OUTPUT, sampleFiles(), { mode: 'check' })).toThrow(OutOfDateError);
    expect(tree.listChanges()).toHaveLength(before);
    expect(tree.exists(OUTPUT)).toBe(false);
  });

  it('refuses every path escape before recording any change', () => {
    const tree = createTreeWithEmptyWorkspace();
    const before = tree.listChanges().length;
    expect(() => writeFilesToTree(tree, OUTPUT, [...sampleFiles(), generated('models/../../x.ts', '')])).toThrow(UnsafePathError);
    expect(tree.listChanges()).toHaveLength(before);
  });

  it('says so when a file stands where a directory is needed', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write(`${OUTPUT}/models`, 'in the way');
    expect(() => writeFilesToTree(tree, OUTPUT, sampleFiles())).toThrow(OutputNotWritableError);
  });

  it('accepts the output directory in the forms a generator passes it', () => {
    const tree = createTreeWithEmptyWorkspace();
    for (const form of [`./${OUTPUT}`, `${OUTPUT}/`, `/virtual/${OUTPUT}`]) {
      expect(writeFilesToTree(tree, form, sampleFiles()).outputDir).toBe(OUTPUT);
    }
    expect(() => writeFilesToTree(tree, '../outside', sampleFiles())).toThrow(/outside the workspace root/);
  });

  it('over a real workspace, refuses a symlink that would make Nx write outside, and otherwise flushes the same bytes as the disk writer', async () => {
    const workspace = temporaryDirectory();
    const outside = temporaryDirectory();
    mkdirSync(join(workspace, OUTPUT), { recursive: true });
    symlinkSync(outside, join(workspace, OUTPUT, 'models'));
    const tree = new FsTree(workspace, false);
    expect(() => writeFilesToTree(tree, OUTPUT, sampleFiles())).toThrow(UnsafePathError);
    expect(tree.listChanges()).toEqual([]);

    unlinkSync(join(workspace, OUTPUT, 'models'));
    const fresh = new FsTree(workspace, false);
    writeFilesToTree(fresh, OUTPUT, sampleFiles());
    flushChanges(workspace, fresh.listChanges());
    const direct = temporaryDirectory();
    await writeFiles(direct, sampleFiles());
    expect(diskFiles(join(workspace, OUTPUT))).toEqual(diskFiles(direct));
  });
});
