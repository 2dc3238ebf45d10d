import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotError } from '../errors.js';
import { serializeSnapshot } from '../snapshot/canonical.js';
import { column, enumType, snapshot, table } from '../testing/snapshot-builders.js';
import { loadSchema } from './schema-source.js';
import { readSnapshotFile } from './snapshot-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-snapshot-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sample = () =>
  snapshot({
    schemas: [
      { name: 'app', comment: null },
      { name: 'audit', comment: null },
    ],
    tables: [table('app', 'users', { columns: [column('id', 1), column('email', 2)] }), table('audit', 'events')],
    enums: [enumType('audit', 'level', ['info', 'error'])],
  });

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function rejection(promise: Promise<unknown>): Promise<SnapshotError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SnapshotError);
  return error as SnapshotError;
}

describe('readSnapshotFile', () => {
  it('reads a snapshot written earlier', async () => {
    const file = await write('ok.json', serializeSnapshot(sample()));
    const { snapshot: read, fingerprintMatches } = await readSnapshotFile(file);
    expect(read).toEqual(sample());
    expect(fingerprintMatches).toBe(true);
  });

  it('names a missing file and says how to make one', async () => {
    const file = join(dir, 'nowhere', 'schema.json');
    const error = await rejection(readSnapshotFile(file));
    expect(error.code).toBe('RR_SNAPSHOT_UNREADABLE');
    expect(error.message).toBe(`cannot read snapshot ${file}: no such file. Write one with \`rrgen snapshot\`, or fix the path.`);
  });

  it('names a path that is a directory', async () => {
    const path = join(dir, 'a-directory.json');
    await mkdir(path);
    const error = await rejection(readSnapshotFile(path));
    expect(error.code).toBe('RR_SNAPSHOT_UNREADABLE');
    expect(error.message).toContain(`cannot read snapshot ${path}: EISDIR`);
  });

  it('names the file and line of malformed JSON', async () => {
    const text = serializeSnapshot(sample()).replace('"name": "email",', '"name": "email",,');
    const file = await write('malformed.json', text);
    const error = await rejection(readSnapshotFile(file));
    expect(error.code).toBe('RR_SNAPSHOT_INVALID');
    const line = text.slice(0, text.indexOf(',,')).split('\n').length;
    expect(error.message).toContain(`${file}:${line}:`);
  });

  it('names the file of a truncated snapshot', async () => {
    const text = serializeSnapshot(sample());
    const file = await write('truncated.json', text.slice(0, Math.floor(text.length / 2)));
    const error = await rejection(readSnapshotFile(file));
    expect(error.code).toBe('RR_SNAPSHOT_INVALID');
    expect(error.message).toContain(`${file}:`);
    expect(error.message).toContain('the snapshot is truncated');
  });
});

describe('loadSchema from a snapshot file', () => {
  it('reads it without a database: no round trips, no warnings', async () => {
    const file = await write('load.json', serializeSnapshot(sample()));
    const result = await loadSchema({ kind: 'snapshot', file });
    expect(result).toEqual({ snapshot: sample(), roundTrips: 0, warnings: [] });
  });

  it('warns when the fingerprint does not match an edited file, and uses the content', async () => {
    const data = JSON.parse(serializeSnapshot(sample()));
    data.tables[0].columns[1].nullable = false;
    const file = await write('edited.json', JSON.stringify(data, null, 2));
    const result = await loadSchema({ kind: 'snapshot', file });
    expect(result.warnings).toEqual([`${file}: the fingerprint does not match the content (the file was edited); using the content.`]);
    expect(result.snapshot.tables[0]!.columns[1]!.nullable).toBe(false);
  });

  it('selects schemas like a database does', async () => {
    const file = await write('select.json', serializeSnapshot(sample()));
    const result = await loadSchema({ kind: 'snapshot', file }, { schemas: ['audit'] });
    expect(result.snapshot.schemas.map((s) => s.name)).toEqual(['audit']);
    expect(result.snapshot.tables.map((t) => t.name)).toEqual(['events']);
    expect(result.snapshot.enums.map((e) => e.name)).toEqual(['level']);
  });

  it('names the schemas the snapshot has when a requested one is missing', async () => {
    const file = await write('missing-schema.json', serializeSnapshot(sample()));
    await expect(loadSchema({ kind: 'snapshot', file }, { schemas: ['app', 'sales'] })).rejects.toMatchObject({
      code: 'RR_SCHEMA_NOT_FOUND',
      message: `schema "sales" not in snapshot ${file}. It has: "app", "audit".`,
    });
  });
});
