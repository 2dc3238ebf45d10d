import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Preloaded into a child node process (NODE_OPTIONS=--require): at exit it writes the process's
 * peak resident set size, as the kernel counted it, to RR_PEAK_MEMORY_FILE.
 */
const PROBE = `
const { writeFileSync } = require('node:fs');
const file = process.env.RR_PEAK_MEMORY_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })));
`;

export interface PeakMemoryProbe {
  /** Environment for the child process to measure. */
  readonly env: Readonly<Record<string, string>>;
  /** The child's peak RSS in MB; call after it exited. */
  maxRssMb(): number;
}

export function peakMemoryProbe(dir: string, name: string): PeakMemoryProbe {
  const probe = join(dir, 'peak-memory-probe.cjs');
  writeFileSync(probe, PROBE);
  const file = join(dir, `${name}.peak-memory.json`);
  return {
    env: { NODE_OPTIONS: `--require ${probe}`, RR_PEAK_MEMORY_FILE: file },
    maxRssMb: () => (JSON.parse(readFileSync(file, 'utf8')) as { maxRssMb: number }).maxRssMb,
  };
}
