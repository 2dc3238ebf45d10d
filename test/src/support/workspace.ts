import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { nestedNxEnv, scaffoldNestedWorkspace } from '../../../tools/nested-nx-workspace.ts';

/** The rr repository: its node_modules, examples and the built plugin are what the temp workspaces use. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const NX_BIN = join(REPO_ROOT, 'node_modules/nx/dist/bin/nx.js');
export const EXAMPLES = join(REPO_ROOT, 'examples');

/** Generous: one nx invocation takes 2–6 s, one that starts the embedded database up to ~10 s. */
const NX_TIMEOUT_MS = 150_000;

export interface NxResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together, colour codes removed: what assertions look at. */
  readonly output: string;
}

export interface NxOptions {
  /** Extra environment for this invocation (for example RR_DATABASE_URL). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface WorkspaceOptions {
  /** nx.json `plugins`; default: none (so generator specs can see the plugin registered). */
  readonly plugins?: readonly unknown[];
  /** nx.json `namedInputs`, when a spec needs them. */
  readonly namedInputs?: Readonly<Record<string, readonly string[]>>;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * A throw-away Nx workspace that reuses the repository's node_modules through a symlink and loads
 * the built @rr/models plugin from there. Nx's cache and workspace data live beside it (not in it),
 * so a listing of the workspace shows only what rr and the user wrote.
 */
export class TempWorkspace {
  private constructor(
    /** Temp directory holding the workspace and Nx's state; removed by dispose(). */
    readonly base: string,
    /** The workspace root. */
    readonly root: string,
  ) {}

  static create(options: WorkspaceOptions = {}): TempWorkspace {
    const base = mkdtempSync(join(tmpdir(), 'rr-e2e-'));
    const root = join(base, 'ws');
    mkdirSync(root);
    mkdirSync(join(base, 'nx-state'));
    const ws = new TempWorkspace(base, root);
    scaffoldNestedWorkspace(root, REPO_ROOT, {
      ...(options.namedInputs ? { namedInputs: options.namedInputs } : {}),
      ...(options.plugins ? { plugins: options.plugins } : {}),
    });
    ws.write('.gitignore', 'node_modules\n');
    return ws;
  }

  path(file: string): string {
    return join(this.root, file);
  }

  exists(file: string): boolean {
    return existsSync(this.path(file));
  }

  read(file: string): string {
    return readFileSync(this.path(file), 'utf8');
  }

  readJson<T = Record<string, unknown>>(file: string): T {
    return JSON.parse(this.read(file)) as T;
  }

  write(file: string, text: string): void {
    mkdirSync(dirname(this.path(file)), { recursive: true });
    writeFileSync(this.path(file), text);
  }

  writeJson(file: string, value: unknown): void {
    this.write(file, `${JSON.stringify(value, null, 2)}\n`);
  }

  remove(file: string): void {
    rmSync(this.path(file), { recursive: true, force: true });
  }

  /** Copies a file or directory from the repository (for example `examples/blog/db`). */
  copyFromRepo(from: string, to: string): void {
    mkdirSync(dirname(this.path(to)), { recursive: true });
    cpSync(join(REPO_ROOT, from), this.path(to), { recursive: true });
  }

  /**
   * A models project as `nx g @rr/models:generate` leaves it, minus the generated code: a
   * project.json, rr.config.json and the committed snapshot of one of the repository's examples.
   */
  addModelsProject(name: string, directory: string, example: 'blog' | 'shop' = 'blog'): void {
    this.writeJson(join(directory, 'project.json'), { name, projectType: 'library', sourceRoot: `${directory}/src`, tags: ['rr:models'] });
    this.writeJson(join(directory, 'rr.config.json'), { source: { sqlFile: 'db/structure.sql' }, snapshot: 'rr.schema.json', outputDir: 'src/generated' });
    this.copyFromRepo(`examples/${example}/rr.schema.json`, join(directory, 'rr.schema.json'));
    this.copyFromRepo(`examples/${example}/db/structure.sql`, join(directory, 'db/structure.sql'));
  }

  /** Every file in the workspace (node_modules left out) with a hash of its bytes, to prove nothing was written. */
  tree(): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isSymbolicLink()) continue;
        if (entry.isDirectory()) walk(full);
        else files.set(relative(this.root, full), createHash('sha1').update(readFileSync(full)).digest('hex'));
      }
    };
    walk(this.root);
    return files;
  }

  /** Files under the temp directory (workspace, Nx cache and workspace data) whose bytes contain `needle`. */
  filesContaining(needle: string): string[] {
    const hits: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (lstatSync(full).isSymbolicLink()) continue;
        if (entry.isDirectory()) walk(full);
        else if (readFileSync(full).includes(needle)) hits.push(relative(this.base, full));
      }
    };
    walk(this.base);
    return hits;
  }

  /** Runs the real nx CLI in the workspace; never throws on a non-zero exit. */
  nx(args: readonly string[], options: NxOptions = {}): Promise<NxResult> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, [NX_BIN, ...args], { cwd: this.root, env: this.env(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`nx ${args.join(' ')} did not finish in ${NX_TIMEOUT_MS} ms.\n${stdout}\n${stderr}`));
      }, NX_TIMEOUT_MS);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolvePromise({ code, stdout, stderr, output: `${stdout}\n${stderr}`.replace(ANSI, '') });
      });
    });
  }

  /** The child's environment (see `nestedNxEnv`), with this workspace's private Nx state. */
  private env(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
    return nestedNxEnv(join(this.base, 'nx-state'), extra);
  }

  dispose(): void {
    rmSync(this.base, { recursive: true, force: true });
  }
}

/** Nx prints one `> nx run <project>:<target>` line per task, with `[local cache]` for a cache hit. */
export function taskLines(output: string, target: string): Map<string, { cached: boolean }> {
  const tasks = new Map<string, { cached: boolean }>();
  for (const match of output.matchAll(new RegExp(`^> nx run ([^\\s:]+):${target}(.*)$`, 'gm'))) {
    tasks.set(match[1] as string, { cached: (match[2] ?? '').includes('[local cache]') });
  }
  return tasks;
}

/** A failed assertion on an nx run shows what nx printed. */
export function describeRun(result: NxResult): string {
  return `exit ${result.code}\n${result.output}`;
}
