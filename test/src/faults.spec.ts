/**
 * Faults during `rrgen generate`, with the real installed bin in child processes:
 * - killed with SIGKILL at seeded points in its writes, again and again: every output file holds
 *   the old bytes or the new ones, the manifest covers what is on disk, and the next run repairs
 *   the output to exactly what a clean run writes;
 * - two generations of one output directory started together (two rrgen processes, or two
 *   `nx run` in two terminals): both finish (one waits for the other's lock), and the output is
 *   exactly one clean run's, never a mix.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { syntheticSchemaSql } from '../../tools/synthetic-schema.ts';
import { describeRun, REPO_ROOT, TempWorkspace } from './support/workspace.js';

const RRGEN = join(REPO_ROOT, 'node_modules/.bin/rrgen');
const TABLES = 150;
const MANIFEST = '.rr-manifest.json';
const LOCK = '.rr-manifest.lock';
const TEMPORARY = /\.rr-tmp$/;
/** Seeds of the kill points in the writes: each stops a run after a seeded number of output files appeared or were replaced. */
const KILL_SEEDS = [1, 2, 3, 4, 5, 6];
/** Kill points by time, before the writes begin (start-up, reading the snapshot, rendering). */
const KILL_DELAYS_MS = [100, 300];

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

let work: string;
let snapshot: string;
/** The two versions of the output: `old` excludes one set of tables, `new` another and drops `.js` from imports. */
let configs: { readonly old: string; readonly new: string };
/** What a clean run of each version writes: path → text. */
let clean: { readonly old: ReadonlyMap<string, string>; readonly new: ReadonlyMap<string, string> };

function rrgen(out: string, config: string, onSpawn?: (kill: () => void) => void): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(RRGEN, ['generate', '--snapshot', snapshot, '--config', config, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
    onSpawn?.(() => child.kill('SIGKILL'));
  });
}

/** Regular files below `dir` by relative path, the writer's temporary files and lock included. */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (at: string, prefix: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const key = prefix === '' ? name : `${prefix}/${name}`;
      if (lstatSync(path).isDirectory()) walk(path, key);
      else found.set(key, readFileSync(path, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return found;
}

/** A deterministic number in [1, max] for a seed (mulberry32). */
function seeded(seed: number, max: number): number {
  let t = (seed * 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return 1 + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rr-e2e-faults-'));
  writeFileSync(join(work, 'synthetic.sql'), syntheticSchemaSql(TABLES));
  snapshot = join(work, 'synthetic.schema.json');
  const made = await new Promise<Exit>((resolve, reject) => {
    const child = spawn(RRGEN, ['snapshot', '--sql', join(work, 'synthetic.sql'), '--out', snapshot], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  expect(made.code, made.stderr).toBe(0);
  configs = { old: join(work, 'old.json'), new: join(work, 'new.json') };
  writeFileSync(configs.old, JSON.stringify({ mapper: { exclude: ['public.table_0001*'] } }));
  writeFileSync(configs.new, JSON.stringify({ mapper: { exclude: ['public.table_0002*'] }, importExtensions: false }));
  const cleanRun = async (config: string): Promise<Map<string, string>> => {
    const out = join(work, `clean-${config === configs.old ? 'old' : 'new'}`);
    const exit = await rrgen(out, config);
    expect(exit.code, exit.stderr).toBe(0);
    return files(out);
  };
  clean = { old: await cleanRun(configs.old), new: await cleanRun(configs.new) };
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function expectRepairedToNew(out: string): void {
  expect(files(out)).toEqual(clean.new);
}

type KillPoint = { readonly afterFiles: number } | { readonly afterMs: number };

/** Starts the killer for one kill point: after a seeded count of output files written, or after a fixed delay (in start-up, introspection or render). */
function killer(out: string, point: KillPoint): (kill: () => void) => void {
  return (kill) => {
    if ('afterMs' in point) {
      setTimeout(kill, point.afterMs);
      return;
    }
    let seen = 0;
    const watcher = watch(out, { recursive: true }, (_event, name) => {
      if (name === null || TEMPORARY.test(name) || !name.endsWith('.ts')) return;
      if (++seen >= point.afterFiles) {
        kill();
        watcher.close();
      }
    });
  };
}

const SIGNATURE = /^\/\/ @generated by rr: do not edit\. signature: (sha256:[0-9a-f]{64})\n/;

describe('rrgen generate killed with SIGKILL', () => {
  it(`at ${KILL_SEEDS.length} seeded points in its writes and ${KILL_DELAYS_MS.length} before them: every file old or new, a manifest that covers the disk, and the next run repairs it`, async () => {
    const outputs = [...new Set([...clean.old.keys(), ...clean.new.keys()])].filter((p) => p !== MANIFEST);
    const changes = outputs.filter((p) => clean.old.get(p) !== clean.new.get(p)).length;
    // The versions differ in most files, so a kill part way leaves a mix to check.
    expect(changes).toBeGreaterThan(TABLES);
    // In the first third of the writes: on a loaded machine the kill arrives a little late, and a
    // kill after the last write would check nothing.
    const points: KillPoint[] = [...KILL_SEEDS.map((seed) => ({ afterFiles: seeded(seed, Math.floor(changes / 3)) })), ...KILL_DELAYS_MS.map((ms) => ({ afterMs: ms }))];
    let killedPartWay = 0;

    for (const [index, point] of points.entries()) {
      const out = join(work, `killed-${index}`);
      expect((await rrgen(out, configs.old)).code).toBe(0);

      const exit = await rrgen(out, configs.new, killer(out, point));

      const onDisk = files(out);
      const where = 'afterFiles' in point ? `after ${point.afterFiles} of ${changes} changed files` : `after ${point.afterMs} ms`;
      const context = `kill ${where} (${exit.signal ?? `exit ${exit.code}`})`;
      let fresh = 0;
      for (const path of outputs) {
        const text = onDisk.get(path);
        const isOld = text === clean.old.get(path);
        const isNew = text === clean.new.get(path);
        expect(isOld || isNew, `${context}: ${path} is neither the old nor the new bytes`).toBe(true);
        if (isNew && !isOld) fresh++;
      }
      for (const path of onDisk.keys()) {
        expect(outputs.includes(path) || path === MANIFEST || path.endsWith(LOCK) || TEMPORARY.test(path), `${context}: stray ${path}`).toBe(true);
      }
      // The manifest on disk is whole and claims every generated file there under its old or its
      // new signature, so the next run can tell rr's files from hand edits.
      const manifest = JSON.parse(onDisk.get(MANIFEST) ?? 'null') as { files: { path: string; signature: string; previousSignature?: string }[] };
      const entries = new Map(manifest.files.map((entry) => [entry.path, entry]));
      for (const path of outputs) {
        const text = onDisk.get(path);
        if (text === undefined) continue;
        const entry = entries.get(path);
        expect([entry?.signature, entry?.previousSignature], `${context}: the manifest's claim on ${path}`).toContain(SIGNATURE.exec(text)?.[1]);
      }
      if (exit.signal === 'SIGKILL' && fresh > 0 && fresh < changes) killedPartWay++;

      const repair = await rrgen(out, configs.new);
      expect(repair.code, `${context}: ${repair.stderr}`).toBe(0);
      expect(repair.stderr, context).toMatch(/, 0 skipped/);
      expectRepairedToNew(out);
    }
    console.info(`faults: ${killedPartWay} of ${points.length} kills landed part way through the writes`);
    expect(killedPartWay, 'no kill landed in the middle of the writes; the test tested nothing').toBeGreaterThan(0);
  });
});

describe('two rrgen generate runs on one output directory at once', () => {
  it('the same generation twice: both finish and the output is exactly a clean run', async () => {
    for (let round = 0; round < 2; round++) {
      const out = join(work, `twice-${round}`);
      const [a, b] = await Promise.all([rrgen(out, configs.new), rrgen(out, configs.new)]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      expectRepairedToNew(out);
    }
  });

  it('two different generations: both finish, one after the other, and the output is one of them whole', async () => {
    for (let round = 0; round < 2; round++) {
      const out = join(work, `race-${round}`);
      mkdirSync(out, { recursive: true });
      const [a, b] = await Promise.all([rrgen(out, configs.old), rrgen(out, configs.new)]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      const onDisk = files(out);
      expect(onDisk.has(LOCK)).toBe(false);
      const whole = [clean.old, clean.new].some((version) => isDeepStrictEqual(onDisk, version));
      expect(whole, 'the output mixes the two generations').toBe(true);
    }
  });
});

describe('two terminals running nx run <project>:rrgen at once', () => {
  let ws: TempWorkspace;
  beforeAll(() => {
    ws = TempWorkspace.create({ plugins: ['@rr/models'] });
    ws.addModelsProject('blog', 'libs/blog', 'blog');
  });
  afterAll(() => ws?.dispose());

  it('both succeed and the generated files are exactly those of one clean run', async () => {
    const first = await ws.nx(['run', 'blog:rrgen', '--skip-nx-cache', '--output-style=static']);
    expect(first.code, describeRun(first)).toBe(0);
    const generated = (tree: Map<string, string>) => new Map([...tree].filter(([path]) => path.startsWith('libs/blog/src/generated/')));
    const cleanTree = generated(ws.tree());
    expect(cleanTree.size).toBeGreaterThan(10);
    rmSync(ws.path('libs/blog/src/generated'), { recursive: true });

    const runs = await Promise.all([1, 2].map(() => ws.nx(['run', 'blog:rrgen', '--skip-nx-cache', '--output-style=static'])));

    for (const run of runs) expect(run.code, describeRun(run)).toBe(0);
    expect(generated(ws.tree())).toEqual(cleanTree);
  });
});
