import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './repo-root.js';
import { round, samples, wallSummary, type WallSummary } from './measure.js';
import { timedRun } from './processes.js';
import { nestedNxEnv, scaffoldNestedWorkspace } from '../../tools/nested-nx-workspace.js';

const NX_BIN = join(REPO_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const PROJECTS = [
  { name: 'alpha', example: 'blog' },
  { name: 'bravo', example: 'shop' },
  { name: 'charlie', example: 'blog' },
  { name: 'delta', example: 'shop' },
] as const;

/**
 * How Nx loads plugins: in isolated workers (its default), or in its own process, which a
 * workspace chooses with `NX_ISOLATE_PLUGINS=false` in its root `.env` (Nx reads that file
 * before it loads any plugin).
 */
const PLUGIN_LOADING = [
  { label: 'plugins in workers, as Nx does by default', dotEnv: null },
  { label: 'NX_ISOLATE_PLUGINS=false in .env', dotEnv: 'NX_ISOLATE_PLUGINS=false\n' },
] as const;

export interface NxCase extends WallSummary {
  readonly name: string;
  readonly parallel: number;
  readonly pluginLoading: string;
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
function createWorkspace(): { readonly base: string; readonly root: string } {
  const base = mkdtempSync(join(tmpdir(), 'rr-bench-nx-'));
  const root = join(base, 'ws');
  mkdirSync(root);
  scaffoldNestedWorkspace(root, REPO_ROOT, { plugins: ['@rr/models'] });
  for (const { name, example } of PROJECTS) {
    const dir = join(root, 'models', name);
    writeJson(join(dir, 'project.json'), { name, projectType: 'library', sourceRoot: `models/${name}/src`, tags: ['rr:models'] });
    writeJson(join(dir, 'rr.config.json'), { source: { sqlFile: 'db/structure.sql' }, snapshot: 'rr.schema.json', outputDir: 'src/generated' });
    cpSync(join(REPO_ROOT, 'examples', example, 'rr.schema.json'), join(dir, 'rr.schema.json'));
    cpSync(join(REPO_ROOT, 'examples', example, 'db', 'structure.sql'), join(dir, 'db', 'structure.sql'));
  }
  return { base, root };
}


/**
 * `nx run-many -t rrgen` over four models projects with --parallel=1 and --parallel=2, with
 * Nx's plugins isolated and not, interleaved, skipping the Nx cache; each run starts with no
 * generated code in any project.
 */
export async function nxSuite(): Promise<NxCase[]> {
  const { base, root } = createWorkspace();
  const env = nestedNxEnv(join(base, 'nx-state'));
  const dotEnvFile = join(root, '.env');
  try {
    const runOnce = (parallel: number, dotEnv: string | null): number => {
      for (const { name } of PROJECTS) rmSync(join(root, 'models', name, 'src', 'generated'), { recursive: true, force: true });
      if (dotEnv === null) rmSync(dotEnvFile, { force: true });
      else writeFileSync(dotEnvFile, dotEnv);
      const { wallMs, stdout } = timedRun(process.execPath, [NX_BIN, 'run-many', '-t', 'rrgen', `--parallel=${parallel}`, '--skip-nx-cache', '--output-style=static'], { cwd: root, env });
      if (!/Successfully ran target rrgen for 4 projects/.test(stdout)) throw new Error(`nx run-many did not run rrgen for the four projects:\n${stdout}`);
      return wallMs;
    };
    const variants = PLUGIN_LOADING.flatMap(({ label, dotEnv }) => [1, 2].map((parallel) => ({ label, dotEnv, parallel, walls: [] as number[] })));
    runOnce(1, null); // warm up: the project graph, the disk cache
    const rounds = samples(7, 1);
    for (let i = 0; i < rounds; i++) {
      for (const variant of variants) {
        const wall = runOnce(variant.parallel, variant.dotEnv);
        variant.walls.push(wall);
        console.error(`round ${i + 1}/${rounds} --parallel=${variant.parallel}, ${variant.label}: ${round(wall)} ms`);
      }
    }
    const result = variants.map(({ label, parallel, walls }): NxCase => {
      const summary = wallSummary(walls);
      const one = variants.find((v) => v.label === label && v.parallel === 1);
      const overParallel1 = parallel === 1 || one === undefined ? undefined : round(summary.medianWallMs / wallSummary(one.walls).medianWallMs, 3);
      return { name: `nx run-many -t rrgen --parallel=${parallel} (4 projects; ${label})`, parallel, pluginLoading: label, ...summary, ...(overParallel1 === undefined ? {} : { overParallel1 }) };
    });
    for (const c of result) console.error(`${c.name}: median ${c.medianWallMs} ms of ${c.runs}${c.overParallel1 ? `; over --parallel=1: ${c.overParallel1}` : ''}`);
    return result;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
