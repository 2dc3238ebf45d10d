import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root.js';
import { introspectionSuite } from './introspection.bench.js';
import { mapperSuite } from './mapper.bench.js';
import { QUICK } from './measure.js';
import { memorySuite } from './memory.bench.js';
import { nxSuite } from './nx.bench.js';
import { peersSuite } from './peers.bench.js';
import { pipelineSuite } from './pipeline.bench.js';
import { rendererSuite } from './renderer.bench.js';
import { SCRATCH } from './scratch.js';
import { writerSuite } from './writer.bench.js';

/** Each suite returns its cases; their shape is the suite's own (see the report in tools/). */
const SUITES: Readonly<Record<string, () => Promise<readonly object[]>>> = {
  introspection: introspectionSuite,
  mapper: mapperSuite,
  renderer: rendererSuite,
  writer: writerSuite,
  pipeline: pipelineSuite,
  memory: memorySuite,
  peers: peersSuite,
  nx: nxSuite,
};

/** Runs the named suites (default: all) and writes one JSON file per suite to results/. */
async function run(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !SUITES[name]);
  if (unknown.length) throw new Error(`unknown suite ${unknown.map((n) => `"${n}"`).join(', ')}; suites: ${Object.keys(SUITES).join(', ')}`);
  const selected = names.length ? names : Object.keys(SUITES);
  const dir = join(REPO_ROOT, 'benchmarks', 'results');
  mkdirSync(dir, { recursive: true });
  for (const name of selected) {
    const started = performance.now();
    const cases = await (SUITES[name] as () => Promise<readonly object[]>)();
    const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
    const result = { suite: name, date: new Date().toISOString(), quick: QUICK, durationS: Math.round((performance.now() - started) / 1000), machine, scratch: SCRATCH, cases };
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.error(`wrote benchmarks/results/${name}.json (${result.durationS} s)`);
  }
}

await run(process.argv.slice(2));
