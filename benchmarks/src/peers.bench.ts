import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabase, sharedSchemaDatabase } from './databases.js';
import { REPO_ROOT } from './repo-root.js';
import { medianOf, QUICK, round, samples, wallSummary, type WallSummary } from './measure.js';
import { settleDisk, timedRun, treeSize, type ProcessRun } from './processes.js';
import { diskDir, SCRATCH, scratchDir } from './scratch.js';

const RRGEN = join(REPO_ROOT, 'packages', 'models', 'bin', 'rrgen.cjs');
const PEERS = join(REPO_ROOT, 'benchmarks', 'peers');
const KYSELY_CODEGEN = join(PEERS, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');
const KANEL = join(PEERS, 'node_modules', 'kanel', 'bin', 'kanel');

export interface ProcessCase extends WallSummary {
  readonly name: string;
  readonly command: string;
  readonly medianPeakRssMiB: number;
  /** Files the tool wrote in its last run (rrgen: from its --json report; peers: files in the output). */
  readonly filesWritten: number;
  /** Size of the output directory after the last run. */
  readonly outputFiles: number;
  readonly outputBytes: number;
  /** rrgen's cold run over this one (wall time and peak RSS); set on the peers. */
  readonly rrOverThisWall?: number;
  readonly rrOverThisRss?: number;
}

/** The peers live in their own install; a missing or stale one is installed from its lockfile. */
function ensurePeers(): void {
  const installed = join(PEERS, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(PEERS, 'package-lock.json')).mtimeMs) return;
  console.error('installing the peers: npm ci --prefix benchmarks/peers');
  execFileSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] });
}

interface ToolRun {
  readonly measured: ProcessRun;
  readonly filesWritten: number;
  /** The output directory after the run. */
  readonly output: { readonly files: number; readonly bytes: number };
}

interface Tool {
  readonly name: string;
  /** A peer gets the ratios rrgen / peer; rrgen's own runs do not. */
  readonly peer: boolean;
  readonly command: string;
  /** Runs once; returns the measurement and the files written. */
  run(): ToolRun;
  /** Whether round `i` runs this tool: kanel takes ~15 s, so it runs every third round. */
  inRound(i: number): boolean;
}

function tools(url: string, scratch: string[]): Tool[] {
  let rrOut = '';
  let rrCache = '';
  let changes = 0;
  // Each cold run gets caches of its own, empty (find-cache-directory honours CACHE_DIR), as a
  // first run would: the peers keep none. The run with nothing changed uses what its cold run stored.
  const rrgen = (out: string, cache: string) => {
    const measured = timedRun(process.execPath, [RRGEN, 'generate', '--database-url', url, '--out', out, '--json'], { env: { ...process.env, CACHE_DIR: cache } });
    return { measured, report: JSON.parse(measured.stdout) as { fileWrites: number; renders: number; files: { created: number }; schemaCache: string } };
  };
  // What every peer does: a first run into an empty directory.
  const coldRun = (makeDir: (prefix: string) => string, keep: boolean): ToolRun => {
    const out = makeDir('rrgen');
    const cache = makeDir('rrgen-cache');
    scratch.push(out, cache);
    const { measured, report } = rrgen(out, cache);
    if (report.schemaCache !== 'miss') throw new Error(`rrgen generate into an empty directory found a schema cache (${report.schemaCache}); the cold run must start without one`);
    if (keep) [rrOut, rrCache] = [out, cache];
    return { measured, filesWritten: report.fileWrites, output: treeSize(out) };
  };
  const onDisk: Tool[] =
    SCRATCH.kind === 'ram-disk'
      ? [
          {
            name: 'rrgen generate, empty directory on the disk',
            peer: false,
            command: 'CACHE_DIR=EMPTY_CACHE rrgen generate --database-url URL --out EMPTY_DIR --json (both on the disk, in the system temporary directory)',
            inRound: () => true,
            run: () => coldRun(diskDir, false),
          },
        ]
      : [];
  return [
    {
      name: 'rrgen generate, empty directory',
      peer: false,
      command: 'CACHE_DIR=EMPTY_CACHE rrgen generate --database-url URL --out EMPTY_DIR --json',
      inRound: () => true,
      run: () => coldRun(scratchDir, true),
    },
    {
      name: 'rrgen generate, nothing changed',
      peer: false,
      command: 'CACHE_DIR=SAME_CACHE rrgen generate --database-url URL --out SAME_DIR --json (again)',
      inRound: () => true,
      run() {
        const { measured, report } = rrgen(rrOut, rrCache);
        if (report.fileWrites !== 0) throw new Error(`rrgen generate with nothing changed wrote ${report.fileWrites} files; it must write none`);
        return { measured, filesWritten: report.fileWrites, output: treeSize(rrOut) };
      },
    },
    {
      name: 'rrgen generate, one table changed',
      peer: false,
      command: 'psql URL -c "ALTER TABLE musicbrainz.artist ADD COLUMN …"; CACHE_DIR=SAME_CACHE rrgen generate --database-url URL --out SAME_DIR --json (again)',
      inRound: () => true,
      run() {
        // The column is added and dropped again outside the measured run, so every other tool
        // reads the same schema; dropping it is a change too, which the next round's cold run
        // (with caches of its own) never sees.
        const column = `rr_bench_changed_${changes++}`;
        execFileSync('psql', [url, '-qc', `ALTER TABLE musicbrainz.artist ADD COLUMN ${column} integer`]);
        try {
          const { measured, report } = rrgen(rrOut, rrCache);
          // The artist model's two files and the five modules that list every model.
          if (report.renders !== 7) throw new Error(`rrgen generate after one table changed rendered ${report.renders} files; it must render 7`);
          return { measured, filesWritten: report.fileWrites, output: treeSize(rrOut) };
        } finally {
          execFileSync('psql', [url, '-qc', `ALTER TABLE musicbrainz.artist DROP COLUMN ${column}`]);
        }
      },
    },
    ...onDisk,
    {
      name: 'kysely-codegen 0.20',
      peer: true,
      command: 'kysely-codegen --dialect postgres --url URL --out-file DIR/db.d.ts --log-level error',
      inRound: () => true,
      run() {
        const out = scratchDir('kysely-codegen');
        scratch.push(out);
        const measured = timedRun(process.execPath, [KYSELY_CODEGEN, '--dialect', 'postgres', '--url', url, '--out-file', join(out, 'db.d.ts'), '--log-level', 'error']);
        const output = treeSize(out);
        return { measured, filesWritten: output.files, output };
      },
    },
    {
      name: 'kanel 4',
      peer: true,
      command: 'kanel --config kanel.config.cjs (RR_PEER_DATABASE_URL, RR_PEER_OUT)',
      inRound: (i) => i % 3 === 0,
      run() {
        const out = scratchDir('kanel');
        scratch.push(out);
        const measured = timedRun(process.execPath, [KANEL, '--config', 'kanel.config.cjs'], {
          cwd: PEERS,
          env: { ...process.env, RR_PEER_DATABASE_URL: url, RR_PEER_OUT: out },
        });
        const output = treeSize(out);
        return { measured, filesWritten: output.files, output };
      },
    },
  ];
}

/**
 * Whole processes on the same musicbrainz database in the same run, interleaved round by round
 * so that a busy spell of the machine hits every tool alike: rrgen generate into an empty
 * directory, again with nothing changed and again after a column was added to one table,
 * kysely-codegen, and kanel every third round, each
 * after the disk has written out what came before (`settleDisk`). Wall time is measured around
 * the child; peak RSS is GNU time's %M of the child.
 */
export async function peersSuite(): Promise<ProcessCase[]> {
  ensurePeers();
  const url = sharedSchemaDatabase('musicbrainz');
  if (!url) {
    console.error('skipped the peers suite: the shared schemas are not available (RR_SHARED_SCHEMAS)');
    return [];
  }
  const scratch: string[] = [];
  try {
    const all = tools(url, scratch);
    if (!QUICK) for (const tool of all) tool.run(); // warm the disk cache and the server for everyone
    settleDisk();
    // Outputs are removed only after the last round: on this machine's disk, deleting a thousand
    // files slows the next thousand creations for seconds, so a removal between rounds would
    // charge one tool's cleanup to the next tool's run.
    const runs = new Map<Tool, ToolRun[]>(all.map((t) => [t, []]));
    const rounds = samples(7, 2);
    for (let i = 0; i < rounds; i++) {
      for (const tool of all) {
        if (!tool.inRound(i)) continue;
        const run = tool.run();
        settleDisk();
        runs.get(tool)?.push(run);
        console.error(`round ${i + 1}/${rounds} ${tool.name}: ${round(run.measured.wallMs)} ms, ${round(run.measured.peakRssMiB)} MiB`);
      }
    }
    const cases = all.map((tool): ProcessCase => {
      const own = runs.get(tool) ?? [];
      const last = own.at(-1);
      if (!last) throw new Error(`${tool.name} never ran`);
      return {
        name: tool.name,
        command: tool.command,
        ...wallSummary(own.map((r) => r.measured.wallMs)),
        medianPeakRssMiB: round(medianOf(own.map((r) => r.measured.peakRssMiB))),
        filesWritten: last.filesWritten,
        outputFiles: last.output.files,
        outputBytes: last.output.bytes,
      };
    });
    const rr = cases[0] as ProcessCase; // the cold run: what the peers always do
    const withRatios = cases.map((c, i) =>
      all[i]?.peer ? { ...c, rrOverThisWall: round(rr.medianWallMs / c.medianWallMs, 3), rrOverThisRss: round(rr.medianPeakRssMiB / c.medianPeakRssMiB, 3) } : c,
    );
    for (const c of withRatios) {
      console.error(`${c.name}: median ${c.medianWallMs} ms wall, ${c.medianPeakRssMiB} MiB peak RSS, ${c.runs} runs, ${c.filesWritten} files written${c.rrOverThisWall ? `; rrgen / this: ${c.rrOverThisWall} wall, ${c.rrOverThisRss} RSS` : ''}`);
    }
    return withRatios;
  } finally {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    await dropDatabase(url);
  }
}
