import { describe, expect, it } from 'vitest';
import { SnapshotError } from '../errors.js';
import { column, enumType, snapshot, table, typeRef } from '../testing/snapshot-builders.js';
import { serializeSnapshot } from './canonical.js';
import { parseSnapshot } from './parse.js';

const FILE = 'models/schema.snapshot.json';

function sample() {
  return snapshot({
    schemas: [{ name: 'public', comment: null }],
    tables: [
      table('public', 'accounts'),
      table('public', 'users', {
        columns: [
          column('id', 1, { type: typeRef('bigint', { name: 'int8' }), nullable: false }),
          column('email', 2, { nullable: false }),
          column('mood', 3, { type: typeRef('public.mood', { schema: 'public', name: 'mood', kind: 'enum' }) }),
        ],
      }),
    ],
    enums: [enumType('public', 'mood', ['sad', 'ok', 'happy'])],
  });
}

function failure(run: () => unknown): SnapshotError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return error as SnapshotError;
  }
  throw new Error('expected parseSnapshot to throw');
}

/** The 1-based line of the first occurrence of `needle`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split('\n').length;
}

/** A snapshot edited as JSON, as a person would edit the file. */
function edited(edit: (data: any) => void): string {
  const data = JSON.parse(serializeSnapshot(sample()));
  edit(data);
  return JSON.stringify(data, null, 2);
}

describe('parseSnapshot', () => {
  it('reads back what serializeSnapshot wrote, with a matching fingerprint', () => {
    const original = sample();
    const parsed = parseSnapshot(serializeSnapshot(original), FILE);
    expect(parsed.snapshot).toEqual(original);
    expect(parsed.fingerprintMatches).toBe(true);
  });

  it('returns the canonical form of a file whose lists were reordered by hand', () => {
    const text = edited((data) => {
      data.tables.reverse();
      data.tables[0].columns.reverse();
    });
    const parsed = parseSnapshot(text, FILE);
    expect(parsed.snapshot.tables.map((t) => t.name)).toEqual(['accounts', 'users']);
    expect(parsed.snapshot.tables[1]!.columns.map((c) => c.name)).toEqual(['id', 'email', 'mood']);
    expect(parsed.fingerprintMatches).toBe(true);
  });

  describe('malformed JSON names the file and the line', () => {
    const good = serializeSnapshot(sample());

    it('a missing comma', () => {
      const text = good.replace('"name": "email",', '"name": "email"');
      const error = failure(() => parseSnapshot(text, FILE));
      expect(error.code).toBe('RR_SNAPSHOT_INVALID');
      const line = lineOf(text, '"position": 2') ;
      expect(error.message).toMatch(new RegExp(`^models/schema\\.snapshot\\.json:${line}:\\d+: the snapshot is not valid JSON \\(unexpected "\\\\"", expected ',' or '}'\\)`));
      expect(error.jsonPath).toBeNull();
    });

    it('a trailing comma (which Node 20 reports without a position)', () => {
      const text = good.replace('"happy"]', '"happy",]');
      const error = failure(() => parseSnapshot(text, FILE));
      const at = text.indexOf('"happy",]') + '"happy",'.length;
      const column = at - text.lastIndexOf('\n', at - 1);
      expect(error.message).toContain(`${FILE}:${lineOf(text, '"happy",]')}:${column}: the snapshot is not valid JSON (unexpected "]", expected a value)`);
    });

    it('a stray word', () => {
      const text = good.replace('"nullable": false', '"nullable": nope');
      const error = failure(() => parseSnapshot(text, FILE));
      const line = lineOf(text, 'nope');
      expect(error.message).toContain(`${FILE}:${line}:`);
      expect(error.message).toContain('expected "null"');
    });

    it('an unescaped line break inside a string', () => {
      const text = good.replace('"name": "email"', '"name": "em\nail"');
      const error = failure(() => parseSnapshot(text, FILE));
      expect(error.message).toContain(`${FILE}:${lineOf(text, '"em')}:`);
      expect(error.message).toContain('control characters must be escaped');
    });

    it('text after the end of the JSON value', () => {
      const text = `${good}{}\n`;
      const error = failure(() => parseSnapshot(text, FILE));
      expect(error.message).toContain(`${FILE}:${good.split('\n').length}:1: the snapshot is not valid JSON (unexpected "{" after the end of the JSON value)`);
    });
  });

  it('says a cut-off file is truncated, at its last line', () => {
    const good = serializeSnapshot(sample());
    const text = good.slice(0, good.indexOf('"enums"'));
    const error = failure(() => parseSnapshot(text, FILE));
    expect(error.code).toBe('RR_SNAPSHOT_INVALID');
    expect(error.message).toMatch(new RegExp(`^models/schema\\.snapshot\\.json:${text.split('\n').length}:\\d+: the snapshot is truncated \\(unexpected end of input`));
    expect(error.message).toContain('rrgen snapshot');
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n  \n'],
  ])('says %s is empty', (_, text) => {
    const error = failure(() => parseSnapshot(text, FILE));
    expect(error.code).toBe('RR_SNAPSHOT_INVALID');
    expect(error.message).toBe(`${FILE}: the snapshot is empty. Restore it from version control or write it again with \`rrgen snapshot\`.`);
  });

  it.each([
    ['another tool’s JSON', '{"name": "my-app", "version": "1.0.0"}'],
    ['a JSON array', '[1, 2, 3]'],
    ['a JSON string', '"rr-schema-snapshot"'],
    ['another format name', '{"format": "rr-model-set", "version": 1}'],
  ])('rejects %s as not a snapshot, naming $.format', (_, text) => {
    const error = failure(() => parseSnapshot(text, FILE));
    expect(error.code).toBe('RR_SNAPSHOT_INVALID');
    expect(error.jsonPath).toBe('$.format');
    expect(error.message).toContain(`${FILE}: not an rr schema snapshot (expected "format": "rr-schema-snapshot" at $.format)`);
  });

  it('tells to upgrade rr for a snapshot of a newer format version', () => {
    const error = failure(() => parseSnapshot(edited((data) => (data.version = 2)), FILE));
    expect(error.code).toBe('RR_SNAPSHOT_VERSION');
    expect(error.jsonPath).toBe('$.version');
    expect(error.message).toBe(`${FILE}: snapshot format version 2 at $.version; this rr reads version 1. It was written by a newer rr: upgrade rr.`);
  });

  it.each([
    ['an older version', 0, 'version 0'],
    ['a version given as text', '1', 'version "1"'],
    ['no version at all', undefined, 'version undefined'],
  ])('tells to write the snapshot again for %s', (_, version, said) => {
    const error = failure(() => parseSnapshot(edited((data) => (data.version = version)), FILE));
    expect(error.code).toBe('RR_SNAPSHOT_VERSION');
    expect(error.jsonPath).toBe('$.version');
    expect(error.message).toContain(said);
    expect(error.message).toContain('Write the snapshot again with `rrgen snapshot`.');
  });

  describe('an invalid field names its JSON path', () => {
    it.each([
      ['a wrong value type', (d: any) => (d.tables[1].columns[1].nullable = 'yes'), '$.tables[1].columns[1].nullable', 'expected boolean'],
      ['a missing field', (d: any) => delete d.enums[0].labels, '$.enums[0].labels', 'expected array'],
      ['an unknown field', (d: any) => (d.tables[0].owner = 'postgres'), '$.tables[0].owner', 'Unrecognized key: "owner"'],
      ['a value outside an enumeration', (d: any) => (d.tables[1].columns[2].type.kind = 'blob'), '$.tables[1].columns[2].type.kind', 'expected one of'],
      ['a negative position', (d: any) => (d.tables[1].columns[0].position = -1), '$.tables[1].columns[0].position', 'expected number to be >=0'],
      ['a malformed fingerprint', (d: any) => (d.fingerprint = 'md5:abc'), '$.fingerprint', 'sha256'],
      ['an unknown source kind', (d: any) => (d.meta.source.kind = 'ftp'), '$.meta.source.kind', 'expected one of'],
      ['a null list', (d: any) => (d.views = null), '$.views', 'expected array'],
    ])('%s', (_, edit, path, detail) => {
      const error = failure(() => parseSnapshot(edited(edit), FILE));
      expect(error.code).toBe('RR_SNAPSHOT_INVALID');
      expect(error.jsonPath).toBe(path);
      expect(error.message).toContain(`${FILE}: invalid snapshot at ${path}: `);
      expect(error.message).toContain(detail);
    });
  });

  it('flags a file whose content was edited without updating its fingerprint, and uses the content', () => {
    const original = sample();
    const text = edited((data) => (data.tables[1].columns[1].comment = 'added by hand'));
    const parsed = parseSnapshot(text, FILE);
    expect(parsed.fingerprintMatches).toBe(false);
    expect(parsed.snapshot.tables[1]!.columns[1]!.comment).toBe('added by hand');
    expect(parsed.snapshot.fingerprint).not.toBe(original.fingerprint);
    expect(parsed.snapshot.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('does not flag a file whose only edit is in meta', () => {
    const parsed = parseSnapshot(edited((data) => (data.meta.serverVersion = '16.4')), FILE);
    expect(parsed.fingerprintMatches).toBe(true);
    expect(parsed.snapshot.meta.serverVersion).toBe('16.4');
  });
});
