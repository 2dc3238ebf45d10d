/**
 * Turns the JSON files in benchmarks/results/ into Markdown tables and writes them into
 * docs/performance.md between the results markers, leaving the guide around them as it is.
 * Run with `npm run bench:report -w benchmarks`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../benchmarks/src/repo-root.js';

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';
const RESULTS = join(REPO_ROOT, 'benchmarks', 'results');
const GUIDE = join(REPO_ROOT, 'docs', 'performance.md');

interface SuiteFile {
  readonly suite: string;
  readonly date: string;
  readonly quick?: boolean;
  readonly durationS?: number;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpuModel: string; readonly memoryGiB: number };
  /** Where the suite created its files (benchmarks/src/scratch.ts); absent in results from before it was recorded. */
  readonly scratch?: { readonly dir: string; readonly kind: 'ram-disk' | 'disk' };
  readonly cases: readonly Record<string, unknown>[];
}

type Row = readonly string[];

/** Suites in the order the guide shows them, with a title and what each case measured. */
const SUITES: readonly { readonly name: string; readonly title: string; readonly about: string; readonly render: (file: SuiteFile) => string }[] = [
  {
    name: 'peers',
    title: 'Whole process: rrgen against kysely-codegen and kanel on musicbrainz',
    about: 'Each run a fresh process on the same database, interleaved round by round. Wall time around the child; peak RSS is GNU time `%M`.',
    render: peersTable,
  },
  { name: 'nx', title: 'nx run-many -t rrgen over four projects', about: 'Four models projects (two blogs, two shops) from their snapshots, `--skip-nx-cache`, no generated code before each run. Three ways of running Nx: as in CI (no daemon) with its plugins in worker processes (its default) and in its own process (`NX_ISOLATE_PLUGINS=false` in the workspace\'s `.env`), and with its daemon on, as outside CI, in a workspace of its own and left to settle, untimed, after the generated code is removed and after each run. Each way runs rrgen and, as a measure of Nx\'s own part of a run, a target that does nothing (`true` through `nx:run-commands`); the twelve kinds of run interleaved.', render: nxTable },
  { name: 'pipeline', title: 'Whole pipeline in process: generate()', about: 'Live database to an empty directory; stage times are from one run.', render: timedTable },
  { name: 'introspection', title: 'Introspection', about: '`introspectDatabase` against the live server.', render: timedTable },
  { name: 'mapper', title: 'Mapping', about: '`mapSchema`, warm.', render: timedTable },
  { name: 'renderer', title: 'Rendering', about: '`renderModelSet`, warm.', render: timedTable },
  { name: 'writer', title: 'Writing', about: '`writeFiles` of the rendered files, default batch size.', render: timedTable },
  { name: 'memory', title: 'Memory', about: 'Serial pipeline (development profile), V8 heap statistics after forced GCs; kinds from heap snapshots before and after the stage outputs exist.', render: memoryTables },
];

function table(header: Row, rows: readonly Row[]): string {
  const line = (cells: Row) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function ms(value: unknown): string {
  const n = Number(value);
  if (n < 10) return `${n.toFixed(2)} ms`;
  if (n < 100) return `${n.toFixed(1)} ms`;
  return `${Math.round(n).toLocaleString('en-US')} ms`;
}

function mib(value: unknown): string {
  return `${Number(value).toFixed(1)} MiB`;
}

function bytes(value: unknown): string {
  const n = Number(value);
  return n >= 2 ** 20 ? mib(n / 2 ** 20) : `${(n / 1024).toFixed(1)} KiB`;
}

function count(value: unknown): string {
  return typeof value === 'number' ? value.toLocaleString('en-US') : String(value ?? '');
}

function ratio(value: unknown): string {
  return value === undefined ? '' : `${Number(value).toFixed(2)}×`;
}

/** Column labels for the `extra` keys the suites report. */
const EXTRA_LABELS: Readonly<Record<string, string>> = {
  tables: 'tables',
  models: 'models',
  files: 'files',
  bytes: 'bytes',
  fileWrites: 'file writes',
  roundTrips: 'round trips',
  typeCacheHitRate: 'type cache hit rate',
  parallelOverSerial: 'parallel / serial',
  introspectMs: 'introspect',
  mapMs: 'map',
  renderMs: 'render',
  writeMs: 'write',
};

function extraCell(key: string, value: unknown): string {
  if (value === undefined) return '';
  if (key.endsWith('Ms')) return ms(value);
  if (key === 'bytes') return bytes(value);
  if (key === 'parallelOverSerial') return ratio(value);
  return count(value);
}

function timedTable(file: SuiteFile): string {
  const keys = [...new Set(file.cases.flatMap((c) => Object.keys((c.extra as object | undefined) ?? {})))];
  const rows = file.cases.map((c) => {
    const extra = (c.extra ?? {}) as Record<string, unknown>;
    return [String(c.name), ms(c.medianMs), ms(c.meanMs), `±${Number(c.rme).toFixed(1)} %`, count(c.samples), `+${mib(c.peakHeapMiB)}`, ...keys.map((k) => extraCell(k, extra[k]))];
  });
  return table(['case', 'median', 'mean', 'margin', 'samples', 'peak heap', ...keys.map((k) => EXTRA_LABELS[k] ?? k)], rows);
}

function peersTable(file: SuiteFile): string {
  const rows = file.cases.map((c) => [
    String(c.name),
    count(c.runs),
    ms(c.medianWallMs),
    `${ms(c.minWallMs)} – ${ms(c.maxWallMs)}`,
    mib(c.medianPeakRssMiB),
    count(c.filesWritten),
    `${count(c.outputFiles)} files, ${bytes(c.outputBytes)}`,
    ratio(c.rrOverThisWall),
    ratio(c.rrOverThisRss),
  ]);
  const commands = file.cases.map((c) => `- ${String(c.name)}: \`${String(c.command)}\``).join('\n');
  return `${table(['tool', 'runs', 'median wall', 'range', 'peak RSS (median)', 'files written', 'output', 'rrgen / this, wall', 'rrgen / this, RSS'], rows)}\n\n${commands}`;
}

function nxTable(file: SuiteFile): string {
  const rows = file.cases.map((c) => [String(c.name), count(c.runs), ms(c.medianWallMs), `${ms(c.minWallMs)} – ${ms(c.maxWallMs)}`, ratio(c.overParallel1)]);
  return table(['case', 'runs', 'median wall', 'range', 'over --parallel=1'], rows);
}

function memoryTables(file: SuiteFile): string {
  const summary = table(
    ['case', 'allocated per run (median)', 'runs', 'left after a run', 'stage outputs held', 'per model'],
    file.cases.map((c) => [String(c.name), mib(c.allocatedMiB), count(c.runs), mib(c.retainedAfterRunMiB), mib(c.stageOutputsMiB), `${Number(c.stageOutputsKiBPerModel).toFixed(1)} KiB`]),
  );
  const kinds = file.cases.map((c) => {
    const top = (c.topKinds as readonly { kind: string; count: number; selfBytes: number }[]).map((k) => [`\`${k.kind}\``, count(k.count), bytes(k.selfBytes)]);
    return `Top kinds held by the stage outputs, ${String(c.name)}:\n\n${table(['kind', 'count', 'self size'], top)}`;
  });
  return [summary, ...kinds].join('\n\n');
}

function section(file: SuiteFile, spec: (typeof SUITES)[number]): string {
  const m = file.machine;
  const where = file.scratch === undefined ? '' : `, files written to ${file.scratch.kind === 'ram-disk' ? 'a RAM disk' : 'the disk'} (\`${file.scratch.dir}\`)`;
  const when = `${file.date.slice(0, 10)}, ${m.cpuModel}, ${m.cpus} cores, ${m.memoryGiB} GiB, Node ${m.node}${where}`;
  const quick = file.quick ? ' **Quick run (RR_BENCH_QUICK=1): too few samples to compare; rerun in full before quoting.**' : '';
  return `### ${spec.title}\n\n${spec.about} ${when}; \`npm run bench:${spec.name} -w benchmarks\`.${quick}\n\n${spec.render(file)}`;
}

function render(): { readonly markdown: string; readonly suites: number } {
  const files = new Map<string, SuiteFile>();
  for (const entry of existsSync(RESULTS) ? readdirSync(RESULTS) : []) {
    if (!entry.endsWith('.json')) continue;
    const file = JSON.parse(readFileSync(join(RESULTS, entry), 'utf8')) as SuiteFile;
    files.set(file.suite, file);
  }
  const sections = SUITES.flatMap((spec) => {
    const file = files.get(spec.name);
    return file ? [section(file, spec)] : [];
  });
  const missing = SUITES.filter((s) => !files.has(s.name)).map((s) => s.name);
  const note = missing.length ? `\n\nNo results yet for: ${missing.join(', ')}.` : '';
  return { markdown: `Generated by \`npm run bench:report -w benchmarks\` from \`benchmarks/results/\`; do not edit by hand.${note}\n\n${sections.join('\n\n')}`, suites: sections.length };
}

const SKELETON = `# Performance\n\nThe lead writes the guide above the markers; the results between them are generated.\n\n${START}\n${END}\n`;

const text = existsSync(GUIDE) ? readFileSync(GUIDE, 'utf8') : SKELETON;
const start = text.indexOf(START);
const end = text.indexOf(END);
if (start < 0 || end < start) throw new Error(`${GUIDE} must hold ${START} followed by ${END}; add them where the results belong.`);
const { markdown, suites } = render();
writeFileSync(GUIDE, `${text.slice(0, start + START.length)}\n${markdown}\n${text.slice(end)}`);
console.error(`wrote the results of ${suites} suites into docs/performance.md`);
