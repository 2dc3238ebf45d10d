/**
 * The writer in a real child process: killed with SIGKILL in the middle of a large write, and two
 * of them racing on one output directory.
 */

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from './disk-writer.js';
import { LOCK_FILE_NAME } from './lock.js';
import { MANIFEST_FILE_NAME, parseManifest } from './manifest.js';
import { TEMPORARY_NAME_PATTERN } from './paths.js';
import { signContents } from './signature.js';
import { compileWriter, writeRunnerScript } from './testing/compile-writer.js';
import { generated, temporaryDirectory, type TextFile } from './testing/fixtures.js';

let runner: string;
let workDir: string;

beforeAll(() => {
  // Not temporaryDirectory(): that one is emptied after each test, and the runner serves them all.
  workDir = mkdtempSync(join(tmpdir(), 'rr-writer-runner-'));
  const lib = join(workDir, 'lib');
  mkdirSync(lib);
  runner = writeRunnerScript(workDir, compileWriter(lib));
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const FILE_COUNT = 300;
const FILE_NAME = /^f\d{4}\.ts$/;

/** Version `v` of a set of large files; each version has its own size, so a torn file could not pass for a whole one. */
function version(v: 'A' | 'B', bodyBytes: number): TextFile[] {
  return Array.from({ length: FILE_COUNT }, (_, i) => generated(`f${String(i).padStart(4, '0')}.ts`, `export const version = '${v}${i}';\n// ${v.repeat(bodyBytes)}\n`));
}

function filesJson(name: string, files: readonly TextFile[]): string {
  const path = join(workDir, `${name}-${process.hrtime.bigint()}.json`);
  writeFileSync(path, JSON.stringify(files));
  return path;
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runWriter(outputDir: string, filesPath: string, batchSize: number, onSpawn?: (kill: () => void) => void): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, outputDir, filesPath, String(batchSize)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(() => child.kill('SIGKILL'));
  });
}

function expectNoLeftovers(dir: string): void {
  expect(readdirSync(dir).filter((name) => TEMPORARY_NAME_PATTERN.test(name))).toEqual([]);
  expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  expect(readFileSync(join(dir, MANIFEST_FILE_NAME), 'utf8')).not.toContain('pending');
}

describe('crash safety', () => {
  it('a run killed with SIGKILL during a large write leaves every file old or new, and the next run repairs the output', async () => {
    const dir = temporaryDirectory();
    const oldFiles = version('A', 64 * 1024);
    const newFiles = version('B', 96 * 1024);
    await writeFiles(dir, oldFiles);
    const newJson = filesJson('new', newFiles);

    // Kill once a third of the files have been renamed into place: the writer is then in the
    // middle of its writes, quite possibly half way through a temporary file.
    const exit = await runWriter(dir, newJson, 1, (kill) => {
      const renamed = new Set<string>();
      const watcher = watch(dir, (_event, name) => {
        if (name !== null && FILE_NAME.test(name)) renamed.add(name);
        if (renamed.size >= FILE_COUNT / 3) {
          kill();
          watcher.close();
        }
      });
    });
    expect(exit.signal, exit.stderr).toBe('SIGKILL');

    const oldBytes = new Map(oldFiles.map((file) => [file.path, signContents(file.contents)]));
    const newBytes = new Map(newFiles.map((file) => [file.path, signContents(file.contents)]));
    const alreadyNew: string[] = [];
    for (const { path } of newFiles) {
      const onDisk = readFileSync(join(dir, path), 'utf8');
      const isNew = onDisk === newBytes.get(path);
      expect(isNew || onDisk === oldBytes.get(path), `${path} is neither the old nor the new content`).toBe(true);
      if (isNew) alreadyNew.push(path);
    }
    expect(alreadyNew.length).toBeGreaterThanOrEqual(FILE_COUNT / 3);
    expect(alreadyNew.length, 'the kill landed after the run finished; the test did not test anything').toBeLessThan(FILE_COUNT);
    // The killed run's write-ahead manifest is still readable and claims every file.
    const manifest = parseManifest(readFileSync(join(dir, MANIFEST_FILE_NAME), 'utf8'), MANIFEST_FILE_NAME);
    expect([...manifest.keys()]).toEqual(newFiles.map((file) => file.path));

    const repair = await writeFiles(dir, newFiles);
    expect(repair.skipped).toEqual([]);
    expect(repair.unchanged).toEqual(alreadyNew);
    expect(repair.updated).toHaveLength(FILE_COUNT - alreadyNew.length);
    for (const { path } of newFiles) expect(readFileSync(join(dir, path), 'utf8') === newBytes.get(path), path).toBe(true);
    expectNoLeftovers(dir);
    expect((await writeFiles(dir, newFiles)).fileWrites).toBe(0);
  });

  it('two runs on one output directory at the same time leave one complete version, never a mix', async () => {
    for (let round = 0; round < 2; round++) {
      const dir = temporaryDirectory();
      const a = version('A', 16 * 1024);
      const b = version('B', 24 * 1024);
      const [first, second] = await Promise.all([runWriter(dir, filesJson('a', a), 8), runWriter(dir, filesJson('b', b), 8)]);
      expect([first.code, second.code], first.stderr + second.stderr).toEqual([0, 0]);

      const contents = a.map((file) => readFileSync(join(dir, file.path), 'utf8'));
      const allA = a.every((file, i) => contents[i] === signContents(file.contents));
      const allB = b.every((file, i) => contents[i] === signContents(file.contents));
      expect(allA || allB, 'the output mixes the two runs').toBe(true);
      expectNoLeftovers(dir);
      // The manifest describes what is there: a run of the winning version changes nothing.
      expect((await writeFiles(dir, allA ? a : b)).upToDate).toBe(true);
    }
  });
});
