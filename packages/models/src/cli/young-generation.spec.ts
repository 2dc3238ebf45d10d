import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NEW_SPACE_CAP_BYTES } from './young-generation.js';

// A heap of its own: the young generation's size is per process, and this one's is vitest's.
// The child keeps most of what it allocates, as a cold run keeps its snapshot and models, and
// yields between batches as the stages do; it prints the largest new space it saw.
const CHILD = `
import { capYoungGeneration, newSpaceBytes } from './young-generation.mjs';
const capped = process.argv[2] === 'capped' ? capYoungGeneration() : null;
const kept = [];
let largest = newSpaceBytes();
for (let batch = 0; batch < 120; batch++) {
  for (let i = 0; i < 8000; i++) kept.push({ batch, i, text: 'row ' + i });
  await new Promise((resolve) => setImmediate(resolve));
  largest = Math.max(largest, newSpaceBytes());
}
capped?.release();
console.log(JSON.stringify({ largest, kept: kept.length }));
`;

describe('capYoungGeneration', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-young-generation-'));
    buildSync({ entryPoints: [join(import.meta.dirname, 'young-generation.ts')], outfile: join(dir, 'young-generation.mjs'), format: 'esm', platform: 'node', logLevel: 'silent' });
    writeFileSync(join(dir, 'child.mjs'), CHILD);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const largestNewSpace = (mode: 'capped' | 'free'): number => {
    const printed = execFileSync(process.execPath, [join(dir, 'child.mjs'), mode], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    return (JSON.parse(printed) as { largest: number }).largest;
  };

  it('lets the young generation grow past the cap without it, so the workload would show a cap that does not hold', () => {
    expect(largestNewSpace('free')).toBeGreaterThan(NEW_SPACE_CAP_BYTES);
  });

  it('lets it grow to the cap and holds it there', () => {
    expect(largestNewSpace('capped')).toBe(NEW_SPACE_CAP_BYTES);
  });
});
