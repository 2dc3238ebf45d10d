/**
 * `rrgen generate` cannot be led outside its output directory: not by table names that look like
 * paths, not by a symbolic link planted inside the output directory (to a file or to a directory
 * outside), not by a crafted manifest. Each refusal is exit 2, before anything is written.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MANIFEST_FILE_NAME } from '@rr/writer';

import { dirState } from './testing/dir-state.js';
import { runCli as run } from './testing/run-cli.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const blogSnapshot = join(repoRoot, 'examples/blog/rr.schema.json');
const work = mkdtempSync(join(tmpdir(), 'rrgen-output-safety-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
/** A case directory with an `out` written by a clean run and an `outside` directory beside it. */
async function generatedCase(): Promise<{ readonly dir: string; readonly out: string; readonly outside: string }> {
  const dir = join(work, `case-${++counter}`);
  const out = join(dir, 'out');
  const outside = join(dir, 'outside');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.ts'), 'export const secret = "keep me";\n');
  expect((await run('generate', '--snapshot', blogSnapshot, '--out', out)).code).toBe(0);
  return { dir, out, outside };
}

async function refusedIn(dir: string, out: string, code: string): Promise<string> {
  const before = dirState(dir);
  const result = await run('generate', '--snapshot', blogSnapshot, '--out', out);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain(code === 'UNSAFE_PATH' ? 'would leave the output directory. Nothing was written.' : 'Nothing was written.');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(dirState(dir)).toEqual(before);
  return result.stderr;
}

describe('rrgen generate and a planted symbolic link', () => {
  it('a generated file replaced by a link to a file outside: exit 2, the outside file untouched', async () => {
    const { dir, out, outside } = await generatedCase();
    rmSync(join(out, 'schema.ts'));
    symlinkSync(join(outside, 'secret.ts'), join(out, 'schema.ts'));

    const stderr = await refusedIn(dir, out, 'UNSAFE_PATH');

    expect(stderr).toContain(`schema.ts: symbolic link to ${join(outside, 'secret.ts')}, outside the output directory`);
    expect(readFileSync(join(outside, 'secret.ts'), 'utf8')).toBe('export const secret = "keep me";\n');
  });

  it('a generated directory replaced by a link to a directory outside: exit 2, nothing written there', async () => {
    const { dir, out, outside } = await generatedCase();
    rmSync(join(out, 'models'), { recursive: true });
    symlinkSync(outside, join(out, 'models'));

    const stderr = await refusedIn(dir, out, 'UNSAFE_PATH');

    expect(stderr).toContain(`models: symbolic link to ${outside}, outside the output directory`);
    expect(dirState(outside).size).toBe(1);
  });

  it('a link to a missing target is refused too (it could be created later to point anywhere)', async () => {
    const { dir, out } = await generatedCase();
    rmSync(join(out, 'records'), { recursive: true });
    symlinkSync(join(dir, 'not-there'), join(out, 'records'));

    expect(await refusedIn(dir, out, 'UNSAFE_PATH')).toContain('records: symbolic link whose target cannot be resolved');
  });
});

describe('rrgen generate and a crafted manifest', () => {
  it.each([
    ['a parent segment', '../outside/secret.ts'],
    ['an absolute path', '/etc/passwd'],
    ['a backslash path', '..\\outside\\secret.ts'],
  ])('an entry with %s: exit 2 naming the manifest, nothing deleted or written', async (_, path) => {
    const { dir, out, outside } = await generatedCase();
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE_NAME), 'utf8')) as { files: { path: string; signature: string }[] };
    manifest.files.push({ path, signature: `sha256:${'0'.repeat(64)}` });
    writeFileSync(join(out, MANIFEST_FILE_NAME), JSON.stringify(manifest));

    expect(await refusedIn(dir, out, 'MALFORMED_MANIFEST')).toContain(`malformed manifest ${join(out, MANIFEST_FILE_NAME)}`);
    expect(readFileSync(join(outside, 'secret.ts'), 'utf8')).toContain('keep me');
  });

  it('an entry under a directory swapped for a link outside cannot make prune delete there', async () => {
    const { dir, out, outside } = await generatedCase();
    mkdirSync(join(outside, 'records'));
    writeFileSync(join(outside, 'records/user.ts'), readFileSync(join(out, 'records/user.ts')));
    rmSync(join(out, 'records'), { recursive: true });
    symlinkSync(join(outside, 'records'), join(out, 'records'));

    await refusedIn(dir, out, 'UNSAFE_PATH');
    expect(dirState(join(outside, 'records')).has('user.ts')).toBe(true);
  });

  it('a manifest that is not JSON: exit 2, says to delete it', async () => {
    const { dir, out } = await generatedCase();
    writeFileSync(join(out, MANIFEST_FILE_NAME), '{"version": 1, "files": [');
    expect(await refusedIn(dir, out, 'MALFORMED_MANIFEST')).toContain('Delete the file and run again');
  });
});

describe('rrgen generate with table names that look like paths', () => {
  const NAMES = ['../../escape', '/etc/passwd', 'a/b', '..', '.', 'C:\\windows', '.rr-manifest.json', '.rr-manifest.lock', 'con', 'nul.txt'];
  let dir: string;
  let result: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    dir = join(work, 'path-names');
    mkdirSync(dir);
    const sql = NAMES.map((name) => `CREATE TABLE "${name.replaceAll('"', '""')}" (id uuid PRIMARY KEY, "../x" text, "/y" text);`).join('\n');
    writeFileSync(join(dir, 'schema.sql'), sql);
    result = await run('generate', '--sql', join(dir, 'schema.sql'), '--out', join(dir, 'out'), '--json');
  });

  it('writes one model and one record per table, every file inside the output directory', () => {
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { models: number; files: { created: number } };
    expect(summary.models).toBe(NAMES.length);
    const files = [...dirState(join(dir, 'out')).entries()].filter(([, v]) => v !== 'dir').map(([p]) => p);
    expect(files.filter((p) => p.startsWith('models/'))).toHaveLength(NAMES.length);
    expect(files.filter((p) => p.startsWith('records/'))).toHaveLength(NAMES.length);
    for (const path of files) expect(path).toMatch(/^(?:\.rr-manifest\.json|[a-z]+\.ts|(?:models|records)\/[a-z0-9][a-z0-9-]*\.ts)$/);
    expect([...dirState(dir).keys()].filter((p) => !p.startsWith('out/') && p !== 'out')).toEqual(['schema.sql']);
  });
});

describe('rrgen generate --out on something that is not a directory', () => {
  it('a file: exit 2, the file untouched', async () => {
    const dir = join(work, 'out-is-file');
    mkdirSync(dir);
    writeFileSync(join(dir, 'out'), 'mine\n');
    const before = dirState(dir);
    const result = await run('generate', '--snapshot', blogSnapshot, '--out', join(dir, 'out'));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('the output directory cannot be created (EEXIST). Nothing was written. Check that no file is in the way');
    expect(dirState(dir)).toEqual(before);
  });
});
