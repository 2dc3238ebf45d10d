import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './databases.js';
import { introspectionSuite } from './introspection.bench.js';
import { mapperSuite } from './mapper.bench.js';
import { rendererSuite } from './renderer.bench.js';
import { writerSuite } from './writer.bench.js';
import type { CaseResult } from './measure.js';

const SUITES: Readonly<Record<string, () => Promise<CaseResult[]>>> = {
  introspection: introspectionSuite,
  mapper: mapperSuite,
  renderer: rendererSuite,
  writer: writerSuite,
};

/** Runs the named suites (default: all) and writes one JSON file per suite to results/. */
async function run(names: readonly string[]): Promise<void> {
  const selected = names.length ? names : Object.keys(SUITES);
  const dir = join(REPO_ROOT, 'benchmarks', 'results');
  mkdirSync(dir, { recursive: true });
  for (const name of selected) {
    const suite = SUITES[name];
    if (!suite) throw new Error(`unknown suite "${name}"; suites: ${Object.keys(SUITES).join(', ')}`);
    const cases = await suite();
    const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ suite: name, date: new Date().toISOString().slice(0, 10), machine, cases }, null, 2)}\n`);
    console.error(`wrote benchmarks/results/${name}.json`);
  }
}

await run(process.argv.slice(2));
