/**
 * Acceptance over the shared real-world schemas: every schema's generated code is formatted as
 * Prettier would format it, type-checks under strict nodenext against @rocicorp/zero 1.9.0, and
 * its schema module runs `createSchema`. Snapshots come from RR_ACCEPTANCE_SNAPSHOTS, written by
 * tools/acceptance.sh (which also sets RR_ACCEPTANCE=1 so the vitest preset collects this file).
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { mapSchema } from '@rr/mapper';
import { check } from 'prettier';
import { describe, expect, it } from 'vitest';

import { renderModelSet } from './render-model-set.js';
import { GENERATED_DIR, createGeneratedProject, emitProject, formatDiagnostics, importEmitted } from './testing/compile-output.js';

type Snapshot = Parameters<typeof mapSchema>[0];

const directory = process.env['RR_ACCEPTANCE_SNAPSHOTS'];
const SCHEMAS = ['chinook', 'pagila', 'openstreetmap', 'lago', 'musicbrainz'] as const;

function snapshotOf(name: string): Snapshot {
  const file = join(directory as string, `${name}.json`);
  if (!existsSync(file)) throw new Error(`RR_ACCEPTANCE_SNAPSHOTS has no ${name}.json (${file}); tools/acceptance.sh writes it`);
  return JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
}

describe.each(SCHEMAS)('%s', (name) => {
  it('renders files Prettier leaves as they are, that compile and whose schema module loads', { timeout: 1_800_000 }, async () => {
    const modelSet = mapSchema(snapshotOf(name));
    const { files } = renderModelSet(modelSet);
    expect(files.length).toBe(2 * modelSet.models.length + 5);

    const unformatted: string[] = [];
    for (const file of files) if (!(await check(file.contents, { parser: 'typescript' }))) unformatted.push(file.path);
    expect(unformatted).toEqual([]);

    const project = createGeneratedProject(files);
    try {
      const { diagnostics } = emitProject(project);
      expect(formatDiagnostics(diagnostics)).toBe('');
      const schemaModule = await importEmitted<{ schema: { tables: Record<string, unknown> } }>(project, `${GENERATED_DIR}/schema.ts`);
      expect(Object.keys(schemaModule.schema.tables).length).toBe(modelSet.models.length);
    } finally {
      project.dispose();
    }
  });
});
