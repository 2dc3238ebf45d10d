import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from './testing/run-cli.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const exampleSql = join(repoRoot, 'examples/blog/db/structure.sql');
const work = mkdtempSync(join(tmpdir(), 'rrgen-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


describe('rrgen snapshot', () => {
  it('writes a snapshot of a .sql file through the embedded database and prints a JSON summary', async () => {
    const out = join(work, 'blog.json');
    const { code, stdout } = await run('snapshot', '--sql', exampleSql, '--out', out, '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ tables: 9, views: 1, enums: 2, foreignKeys: 8, queries: 8 });
    // accounts 6 + users 9 + posts 14 + comments 8 + tags 6 + taggings 4 + attachments 7 + the two Rails tables 1 + 4
    expect(summary.columns).toBe(59);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.fingerprint).toBe(summary.fingerprint);
    expect(written.tables.map((t: { name: string }) => t.name)).toContain('taggings');
  });

  it('reads a snapshot back and filters it to the requested schemas', async () => {
    const first = join(work, 'first.json');
    const second = join(work, 'second.json');
    expect((await run('snapshot', '--sql', exampleSql, '--out', first)).code).toBe(0);
    const { code, stdout } = await run('snapshot', '--snapshot', first, '--schema', 'public', '--out', second, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).queries).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
  });

  it('refuses two sources, and no source, with exit code 2 and no file', async () => {
    const out = join(work, 'never.json');
    const both = await run('snapshot', '--sql', exampleSql, '--snapshot', 'x.json', '--out', out);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give one source/);
    const none = await run('snapshot', '--out', out);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no schema source/);
    expect(existsSync(out)).toBe(false);
  });

  it('names the closest command for a typo', async () => {
    const { code, stderr } = await run('snapshto');
    expect(code).toBe(2);
    expect(stderr).toMatch(/Did you mean snapshot\?/);
  });

  it('reports an unreachable database by host and port, without the password, and writes nothing', async () => {
    const out = join(work, 'unreachable.json');
    const { code, stderr, stdout } = await run('snapshot', '--database-url', 'postgres://app:Pa55-w0rd-X@127.0.0.1:1/app', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain('127.0.0.1:1');
    expect(stderr + stdout).not.toContain('Pa55-w0rd-X');
    expect(existsSync(out)).toBe(false);
  });

  it('reports a .sql file error as file:line and writes nothing', async () => {
    const bad = join(work, 'bad.sql');
    writeFileSync(bad, 'CREATE TABLE ok (id int PRIMARY KEY);\n\nCREATE TABLE broken (id int REFERENCES missing (id));\n');
    const out = join(work, 'bad.json');
    const { code, stderr } = await run('snapshot', '--sql', bad, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}:3:`);
    expect(stderr).toMatch(/relation "missing" does not exist/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the rrgen bin', () => {
  it('runs after install with no other step', async () => {
    const bin = join(repoRoot, 'node_modules/.bin/rrgen');
    const { stdout } = await promisify(execFile)(bin, ['--help']);
    expect(stdout).toMatch(/Usage: rrgen/);
    expect(stdout).toMatch(/snapshot/);
  });
});
