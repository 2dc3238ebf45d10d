/**
 * Bad input files at the rrgen command line: every one is a clear error that names the file (and
 * the line, key or path where it applies) and says what to do, exit code 2, and nothing written:
 * neither the output directory nor anything beside it changes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { dirState } from './testing/dir-state.js';
import { runCli as run } from './testing/run-cli.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const blogSnapshot = join(repoRoot, 'examples/blog/rr.schema.json');
const blogText = readFileSync(blogSnapshot, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'rrgen-bad-input-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
/** A fresh directory holding `files`; returns its path. */
function fixture(files: Readonly<Record<string, string>>): string {
  const dir = join(work, `case-${++counter}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs `rrgen generate` in `dir` (paths relative to it) and checks that nothing under `dir` changed. */
async function refused(dir: string, args: readonly string[]): Promise<string> {
  const before = dirState(dir);
  const absolute = args.map((arg) => (arg.startsWith('-') || arg.startsWith('/') ? arg : join(dir, arg)));
  const result = await run('generate', ...absolute, '--out', join(dir, 'out'));
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).not.toContain('unexpected failure');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(dirState(dir)).toEqual(before);
  return result.stderr;
}

function withJson(mutate: (data: Record<string, unknown>) => void): string {
  const data = JSON.parse(blogText) as Record<string, unknown>;
  mutate(data);
  return JSON.stringify(data, null, 2);
}

describe('rrgen generate --snapshot with a bad snapshot', () => {
  it.each([
    ['malformed (not JSON)', 'snapshot: {"format": rr-schema-snapshot}', /s\.json:1:\d+: the snapshot is not valid JSON .*Restore it from version control or write it again with `rrgen snapshot`/],
    ['truncated half way', blogText.slice(0, Math.floor(blogText.length / 2)), /s\.json:\d+:\d+: the snapshot is truncated/],
    ['truncated to nothing', '', /s\.json: the snapshot is empty/],
    ['from a future version', withJson((d) => (d['version'] = 99)), /s\.json: snapshot format version 99 at \$\.version; this rr reads version 1\. It was written by a newer rr: upgrade rr\./],
    ['not an rr snapshot', '{"format": "something-else", "tables": []}', /s\.json: not an rr schema snapshot \(expected "format": "rr-schema-snapshot" at \$\.format\)/],
    ['of the wrong shape', withJson((d) => ((d['tables'] as { columns: unknown }[])[0]!.columns = 'id')), /s\.json: invalid snapshot at \$\.tables\[0\]\.columns: .*expected array/],
  ])('%s: names the file and place, exit 2, nothing written', async (_, text, message) => {
    const dir = fixture({ 's.json': text });
    expect(await refused(dir, ['--snapshot', 's.json'])).toMatch(message);
  });

  it('a missing snapshot file: says how to write one', async () => {
    const dir = fixture({});
    expect(await refused(dir, ['--snapshot', 'missing.json'])).toMatch(/cannot read snapshot .*missing\.json: no such file\. Write one with `rrgen snapshot`, or fix the path\./);
  });
});

describe('rrgen generate --config with a bad rr.config.json', () => {
  it.each([
    ['not JSON', '{ "mapper": { ', /rr\.config\.json: is not valid JSON: /],
    ['not an object', '[1, 2]', /rr\.config\.json: must hold a JSON object\./],
    ['an unknown top-level key', '{ "importExtension": false }', /rr\.config\.json \(importExtension\): unknown key \(did you mean "importExtensions"\?\); known keys here: mapper, importExtensions, /],
    ['an unknown mapper key', '{ "mapper": { "exlude": ["public.audit_*"] } }', /rr\.config\.json \(mapper\.exlude\): unknown key \(did you mean "exclude"\?\); known keys here: include, exclude, /],
    ['an unknown nested mapper key', '{ "mapper": { "relationships": { "source": "both" } } }', /rr\.config\.json \(mapper\.relationships\.source\): unknown key \(did you mean "sources"\?\)/],
    ['an unknown key far from any known one', '{ "mapper": { "zzzzzzzz": 1 } }', /rr\.config\.json \(mapper\.zzzzzzzz\): unknown key; known keys here: include, /],
    ['a mapper value of the wrong type', '{ "mapper": { "exclude": "public.audit_*" } }', /rr\.config\.json \(mapper\.exclude\): must be a list of strings\./],
    ['an unknown performance key', '{ "performance": { "production": { "batchsize": 5 } } }', /rr\.config\.json \(performance\.production\.batchsize\): unknown key \(did you mean "batchSize"\?\)/],
    ['a bad performance value', '{ "performance": { "production": { "memoryLimitMb": -1 } } }', /rr\.config\.json \(performance\.production\.memoryLimitMb\): must be a positive whole number of megabytes, or null for no limit, got -1\./],
    ['a templatesDir that is not a path', '{ "templatesDir": 7 }', /rr\.config\.json \(templatesDir\): must be a directory path\./],
  ])('%s: names the file and key, exit 2, nothing written', async (_, text, message) => {
    const dir = fixture({ 'rr.config.json': text });
    expect(await refused(dir, ['--snapshot', blogSnapshot, '--config', 'rr.config.json'])).toMatch(message);
  });

  it('a missing config file: names the flag to fix', async () => {
    const dir = fixture({});
    expect(await refused(dir, ['--snapshot', blogSnapshot, '--config', 'nope.json'])).toMatch(/nope\.json: cannot be read \(ENOENT\)\. Check the path given to --config\./);
  });
});

describe('rrgen generate with bad template overrides', () => {
  const config = JSON.stringify({ templatesDir: 'rr-templates' });

  it('a syntax error names the template file and line', async () => {
    const dir = fixture({ 'rr.config.json': config, 'rr-templates/schema.hbs': '// schema\n{{#each models}}\n{{name}}\n' });
    const stderr = await refused(dir, ['--snapshot', blogSnapshot, '--config', 'rr.config.json']);
    expect(stderr).toContain(`template "schema" (${join(dir, 'rr-templates/schema.hbs')}:`);
    expect(stderr).toMatch(/schema\.hbs:\d+\) does not parse: .*Fix the template, or remove the override to use rr's own\./);
  });

  it('an unclosed mustache on line 3 is reported on line 3', async () => {
    const dir = fixture({ 'rr.config.json': config, 'rr-templates/model.hbs': 'a\nb\n{{name\n' });
    expect(await refused(dir, ['--snapshot', blogSnapshot, '--config', 'rr.config.json'])).toContain(`(${join(dir, 'rr-templates/model.hbs')}:3) does not parse`);
  });

  it('an override of a template rr does not have names the file and the templates there are', async () => {
    const dir = fixture({ 'rr.config.json': config, 'rr-templates/shcema.hbs': 'x' });
    expect(await refused(dir, ['--snapshot', blogSnapshot, '--config', 'rr.config.json'])).toMatch(
      /shcema\.hbs overrides "shcema", which is not one of rr's templates \(index, model, mutators, queries, record, schema, support\)\. Rename the file/,
    );
  });

  it('a templatesDir that does not exist is an error, not a silent fallback to rr\'s own templates', async () => {
    const dir = fixture({ 'rr.config.json': JSON.stringify({ templatesDir: 'rr-templatse' }) });
    expect(await refused(dir, ['--snapshot', blogSnapshot, '--config', 'rr.config.json'])).toContain(
      `template overrides directory ${join(dir, 'rr-templatse')} does not exist or is not a directory. Create it, or fix or remove templatesDir in rr.config.json.`,
    );
  });
});

describe('rrgen generate --sql with names PostgreSQL cuts to 63 bytes', () => {
  it('two columns that are one after truncation: the file and line, exit 2, nothing written', async () => {
    const long = 'a_column_name_that_runs_on_well_past_the_sixty_three_byte_limit_of_postgres';
    const dir = fixture({ 'schema.sql': `CREATE TABLE t (id uuid PRIMARY KEY);\nCREATE TABLE wide (id uuid PRIMARY KEY, ${long}_one text, ${long}_two text);\n` });
    expect(await refused(dir, ['--sql', 'schema.sql'])).toMatch(
      new RegExp(`schema\\.sql:2: column "${long.slice(0, 63)}" specified more than once\nFix the statement`),
    );
  });
});

describe('rrgen generate on enormous comments and enum labels', () => {
  const COMMENT_BYTES = 1_000_000;
  const LABELS = 10_000;

  it('a 1 MB table and column comment and a 10,000-label enum generate, with output in proportion to the input', async () => {
    const middle = 'A long comment with */ and /* and \'quotes\' and `ticks` in it. '.repeat(20_000).slice(0, COMMENT_BYTES - 20);
    const comment = `FIRST-WORD ${middle} LAST-WORD`;
    const labels = Array.from({ length: LABELS }, (_, i) => `label_${String(i).padStart(5, '0')}`);
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    const sql = [
      `CREATE TYPE many AS ENUM (${labels.map(quote).join(', ')});`,
      `CREATE TABLE notes (id uuid PRIMARY KEY, body text, status many NOT NULL DEFAULT 'label_00042');`,
      `COMMENT ON TABLE notes IS ${quote(comment)};`,
      `COMMENT ON COLUMN notes.body IS ${quote(comment)};`,
    ].join('\n');
    const dir = fixture({ 'huge.sql': sql });
    const out = join(dir, 'out');

    const result = await run('generate', '--sql', join(dir, 'huge.sql'), '--out', out, '--json');

    expect(result.code, result.stderr).toBe(0);
    const written = [...dirState(out).entries()].filter(([, v]) => v !== 'dir');
    const bytes = written.reduce((n, [, v]) => n + Buffer.from(v, 'base64').length, 0);
    // Each comment is printed where it documents something (schema, model, facade), never more.
    expect(bytes).toBeLessThan(8 * COMMENT_BYTES);
    const schema = readFileSync(join(out, 'schema.ts'), 'utf8');
    // Whole, on the table and on the column: the comment is neither cut nor repeated.
    expect(schema.split('FIRST-WORD').length - 1).toBe(2);
    expect(schema.split('LAST-WORD').length - 1).toBe(2);
    for (const label of [labels[0]!, labels[LABELS - 1]!]) expect(schema).toContain(`"${label}"`);
    expect(schema.match(/"label_\d{5}"/g)).toHaveLength(LABELS);
  });
});
