import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './repo-root.js';
import { round, samples, wallSummary, type WallSummary } from './measure.js';
import { timedRun } from './processes.js';
import { scratchDir } from './scratch.js';
import { nestedNxEnv, scaffoldNestedWorkspace } from '../../tools/nested-nx-workspace.js';

const NX_BIN = join(REPO_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const PROJECTS = [
  { name: 'alpha', example: 'blog' },
  { name: 'bravo', example: 'shop' },
  { name: 'charlie', example: 'blog' },
  { name: 'delta', example: 'shop' },
] as const;

/**
 * How Nx runs: as in CI (no daemon) with its plugins in isolated workers (its default) or in its
 * own process, which a workspace chooses with `NX_ISOLATE_PLUGINS=false` in its root `.env` (Nx
 * reads that file before it loads any plugin); and as on a developer's machine, where its daemon
 * (on by default outside CI) keeps the project graph and the plugin workers between runs. The
 * daemon watches its workspace, so it gets a workspace of its own: it would otherwise react to
 * the files the other ways' runs write.
 */
const NX_MODES = [
  { label: 'plugins in workers, as Nx does by default', dotEnv: null, daemon: false },
  { label: 'NX_ISOLATE_PLUGINS=false in .env', dotEnv: 'NX_ISOLATE_PLUGINS=false\n', daemon: false },
  { label: 'daemon on, as outside CI; plugins in workers', dotEnv: null, daemon: true },
] as const;

/**
 * A target that does nothing, beside `rrgen` in every project: a run of it is Nx's own part of a
 * run (its start, the project graph, its plugins, hashing, starting each task through a shell),
 * which `--parallel` hardly divides.
 */
const NOOP_TARGET = 'noop';
const TARGETS = ['rrgen', NOOP_TARGET] as const;

/** How long the daemon is left after files change before it is asked for the projects (nxSuite). */
const DAEMON_SETTLE_MS = 1500;

export interface NxCase extends WallSummary {
  readonly name: string;
  readonly target: (typeof TARGETS)[number];
  readonly parallel: number;
  readonly nxMode: string;
  /** Set on --parallel=2: its median over --parallel=1's. */
  readonly overParallel1?: number;
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * A throw-away Nx workspace with four models projects made from the examples (two blogs, two
 * shops), using this repository's node_modules and built plugin, as the e2e tests build theirs.
 * Each project renders from its committed snapshot, so no database is involved.
 */
function createWorkspace(base: string, name: string): string {
  const root = join(base, name);
  mkdirSync(root);
  scaffoldNestedWorkspace(root, REPO_ROOT, { plugins: ['@rr/models'] });
  for (const { name, example } of PROJECTS) {
    const dir = join(root, 'models', name);
    writeJson(join(dir, 'project.json'), {
      name,
      projectType: 'library',
      sourceRoot: `models/${name}/src`,
      tags: ['rr:models'],
      targets: { [NOOP_TARGET]: { executor: 'nx:run-commands', options: { command: 'true' } } },
    });
    writeJson(join(dir, 'rr.config.json'), { source: { sqlFile: 'db/structure.sql' }, snapshot: 'rr.schema.json', outputDir: 'src/generated' });
    cpSync(join(REPO_ROOT, 'examples', example, 'rr.schema.json'), join(dir, 'rr.schema.json'));
    cpSync(join(REPO_ROOT, 'examples', example, 'db', 'structure.sql'), join(dir, 'db', 'structure.sql'));
  }
  return root;
}


/**
 * `nx run-many` of rrgen and of the no-op target over four models projects with --parallel=1 and
 * --parallel=2, in each of the NX_MODES, interleaved, skipping the Nx cache; each run starts with
 * no generated code in any project.
 */
export async function nxSuite(): Promise<NxCase[]> {
  const base = scratchDir('nx');
  const ciRoot = createWorkspace(base, 'ws');
  const daemonRoot = createWorkspace(base, 'ws-daemon');
  const ciEnv = nestedNxEnv(join(base, 'nx-state'));
  // NX_DAEMON=true outranks both CI=true and the nx.json the workspaces share.
  const daemonEnv = nestedNxEnv(join(base, 'nx-state-daemon'), { NX_DAEMON: 'true' });
  const nx = (root: string, env: NodeJS.ProcessEnv, args: readonly string[]) => timedRun(process.execPath, [NX_BIN, ...args], { cwd: root, env });
  try {
    // The daemon computes the project graph again after the files a run writes or removes, once
    // its watcher has reported them, and answers `show projects` only once it has. Untimed, after
    // a pause longer than the watcher takes, so that a timed run starts on a quiet machine, as a
    // developer's next run would, and does not pay for the files the last one left.
    const settleDaemon = (root: string) => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, DAEMON_SETTLE_MS);
      nx(root, daemonEnv, ['show', 'projects']);
    };
    const runOnce = (target: (typeof TARGETS)[number], parallel: number, mode: (typeof NX_MODES)[number]): number => {
      const root = mode.daemon ? daemonRoot : ciRoot;
      for (const { name } of PROJECTS) rmSync(join(root, 'models', name, 'src', 'generated'), { recursive: true, force: true });
      if (mode.daemon) settleDaemon(root);
      else {
        const dotEnvFile = join(root, '.env');
        if (mode.dotEnv === null) rmSync(dotEnvFile, { force: true });
        else writeFileSync(dotEnvFile, mode.dotEnv);
      }
      const { wallMs, stdout } = nx(root, mode.daemon ? daemonEnv : ciEnv, ['run-many', '-t', target, `--parallel=${parallel}`, '--skip-nx-cache', '--output-style=static']);
      if (!new RegExp(`Successfully ran target ${target} for 4 projects`).test(stdout)) throw new Error(`nx run-many did not run ${target} for the four projects:\n${stdout}`);
      // And so that the other ways' runs do not pay for this one's files either.
      if (mode.daemon) settleDaemon(root);
      return wallMs;
    };
    const variants = NX_MODES.flatMap((mode) => TARGETS.flatMap((target) => [1, 2].map((parallel) => ({ mode, target, parallel, walls: [] as number[] }))));
    // Warm up: the project graphs, the disk cache, and the daemon, which the first run starts.
    for (const mode of NX_MODES) runOnce('rrgen', 1, mode);
    const rounds = samples(7, 1);
    for (let i = 0; i < rounds; i++) {
      for (const variant of variants) {
        const wall = runOnce(variant.target, variant.parallel, variant.mode);
        variant.walls.push(wall);
        console.error(`round ${i + 1}/${rounds} ${variant.target} --parallel=${variant.parallel}, ${variant.mode.label}: ${round(wall)} ms`);
      }
    }
    const result = variants.map(({ mode, target, parallel, walls }): NxCase => {
      const summary = wallSummary(walls);
      const name = `nx run-many -t ${target} --parallel=${parallel} (4 projects; ${mode.label})`;
      const one = variants.find((v) => v.mode === mode && v.target === target && v.parallel === 1);
      const overParallel1 = parallel === 1 || one === undefined ? undefined : round(summary.medianWallMs / wallSummary(one.walls).medianWallMs, 3);
      return { name, target, parallel, nxMode: mode.label, ...summary, ...(overParallel1 === undefined ? {} : { overParallel1 }) };
    });
    for (const c of result) console.error(`${c.name}: median ${c.medianWallMs} ms of ${c.runs}${c.overParallel1 ? `; over --parallel=1: ${c.overParallel1}` : ''}`);
    return result;
  } finally {
    try {
      nx(daemonRoot, daemonEnv, ['daemon', '--stop']);
    } catch (error) {
      console.error(`could not stop the benchmark workspace's Nx daemon: ${(error as Error).message}`);
    }
    rmSync(base, { recursive: true, force: true });
  }
}
