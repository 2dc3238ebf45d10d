/**
 * What `rrgen snapshot` and `rrgen generate` do when the database fails them: exit 2, one line
 * that says what, where and what to do, no password, and nothing written — no snapshot file, no
 * output directory, and an existing output directory left byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServerDatabase,
  runOnServer,
  silentServer,
  tapIntrospectionQueries,
  testDatabaseTarget,
  withCatalogLocked,
  type LoopbackServer,
  type ServerDatabase,
} from '@rr/schema/testing';

import { runCli as run } from './testing/run-cli.js';

/** rrgen with a fixed profile: vitest's NODE_ENV=test would add a note to every generate run. */
const runCli = (command: string, ...args: string[]) => (command === 'generate' ? run(command, '--profile', 'development', ...args) : run(command, ...args));

const PASSWORD = 'Cl1-S3cret-pw';
const repoRoot = resolve(import.meta.dirname, '../../../..');
const exampleSql = join(repoRoot, 'examples/blog/db/structure.sql');
const work = mkdtempSync(join(tmpdir(), 'rrgen-db-errors-'));
const target = await testDatabaseTarget();
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir` with a hash of its bytes. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

let generated: string;
let generatedTree: Record<string, string>;
beforeAll(async () => {
  // An output directory from an earlier good run: a failing run must leave it as it is.
  generated = join(work, 'generated');
  expect((await runCli('generate', '--sql', exampleSql, '--out', generated)).code).toBe(0);
  generatedTree = tree(generated);
  expect(Object.keys(generatedTree).length).toBeGreaterThan(10);
});

let runs = 0;
/**
 * Runs `rrgen snapshot` and `rrgen generate` (into a fresh directory and into the existing one)
 * with the same source arguments; returns the stderr of each after checking they wrote nothing.
 */
async function bothCommands(source: readonly string[], extra: { readonly generate?: readonly string[] } = {}): Promise<string[]> {
  const id = ++runs;
  const snapshotFile = join(work, `snapshot-${id}.json`);
  const freshOut = join(work, `fresh-${id}`);
  const results = [
    await runCli('snapshot', ...source, '--out', snapshotFile),
    await runCli('generate', ...source, ...(extra.generate ?? []), '--out', freshOut),
    await runCli('generate', ...source, ...(extra.generate ?? []), '--out', generated, '--json'),
  ];
  for (const result of results) {
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^rrgen: [^\n]+\n$/);
    expect(result.stderr).not.toContain(PASSWORD);
  }
  expect(existsSync(snapshotFile)).toBe(false);
  expect(existsSync(freshOut)).toBe(false);
  expect(tree(generated)).toEqual(generatedTree);
  return results.map((r) => r.stderr);
}

describe('an unreachable database', () => {
  it('a closed port: connection refused, naming host and port', async () => {
    const messages = await bothCommands(['--database-url', `postgres://app:${PASSWORD}@127.0.0.1:1/app`]);
    for (const message of messages) {
      expect(message).toBe(
        'rrgen: cannot connect to PostgreSQL at 127.0.0.1:1: connection refused. Is the server running and listening there? Check the host and port of the database URL.\n',
      );
    }
  });

  describe('a host that accepts and never answers', () => {
    let silent: LoopbackServer;
    beforeAll(async () => {
      silent = await silentServer();
    });
    afterAll(async () => {
      await silent.close();
    });
    const timedOut = (ms: number) =>
      `rrgen: cannot connect to PostgreSQL at 127.0.0.1:${silent.port}: no answer within ${ms} ms. Check the host and port, or raise the connect timeout.\n`;

    it('--connect-timeout sets how long rr waits, and the message names it', async () => {
      const messages = await bothCommands(['--database-url', `postgres://app:${PASSWORD}@127.0.0.1:${silent.port}/app`, '--connect-timeout', '300']);
      for (const message of messages) expect(message).toBe(timedOut(300));
    });

    it('rr.config.json database.connectTimeoutMs sets it for rrgen generate; the flag wins', async () => {
      const config = join(work, 'connect-timeout.config.json');
      writeFileSync(config, JSON.stringify({ database: { connectTimeoutMs: 250 } }));
      const url = `postgres://app:${PASSWORD}@127.0.0.1:${silent.port}/app`;
      const fromConfig = await runCli('generate', '--database-url', url, '--config', config, '--out', join(work, 'never-config'));
      expect(fromConfig.code).toBe(2);
      expect(fromConfig.stderr).toBe(timedOut(250));
      const flagWins = await runCli('generate', '--database-url', url, '--config', config, '--connect-timeout', '200', '--out', join(work, 'never-config'));
      expect(flagWins.stderr).toBe(timedOut(200));
      expect(existsSync(join(work, 'never-config'))).toBe(false);
    });
  });

  it.each([
    [['--connect-timeout', '0'], 'rrgen: --connect-timeout must be a positive whole number of milliseconds, got "0".\n'],
    [['--statement-timeout', '1.5'], 'rrgen: --statement-timeout must be a positive whole number of milliseconds, got "1.5".\n'],
  ])('a timeout that is not a positive whole number is refused: %s', async (flags, expected) => {
    const messages = await bothCommands(['--database-url', `postgres://app:${PASSWORD}@127.0.0.1:1/app`, ...flags]);
    for (const message of messages) expect(message).toBe(expected);
  });

  it.each([
    [{ statementTimeoutMs: -1 }, '(database.statementTimeoutMs): must be a positive whole number of milliseconds, got -1.'],
    [{ statementTimeout: 100 }, '(database.statementTimeout): unknown key (did you mean "statementTimeoutMs"?); known keys here: connectTimeoutMs, statementTimeoutMs.'],
  ])('rr.config.json database settings are checked: %j', async (database, expected) => {
    const config = join(work, 'bad-database.config.json');
    writeFileSync(config, JSON.stringify({ database }));
    const messages = await bothCommands(['--database-url', `postgres://app:${PASSWORD}@127.0.0.1:1/app`], { generate: ['--config', config] });
    expect(messages[1]).toBe(`rrgen: ${config} ${expected}\n`);
  });
});

describe.runIf(target.kind === 'server')('against the server', () => {
  const serverUrl = target.kind === 'server' ? target.url : '';
  let database: ServerDatabase;
  /** The database's URL carrying a password (the shared server trusts, so it still connects). */
  let url: string;
  let where: string;
  beforeAll(async () => {
    database = await createServerDatabase(serverUrl, 'CREATE TABLE public.things (id int PRIMARY KEY, name text NOT NULL);', 'cli_db_errors');
    const withPassword = new URL(database.url);
    withPassword.password = PASSWORD;
    url = withPassword.toString();
    where = `${withPassword.hostname}:${withPassword.port || 5432}/${database.name}`;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('a statement timeout (--statement-timeout) fails introspection with RR_STATEMENT_TIMEOUT', async () => {
    const messages = await withCatalogLocked(database.url, () => bothCommands(['--database-url', url, '--statement-timeout', '200']));
    for (const message of messages) {
      expect(message).toBe(
        `rrgen: introspecting ${where} hit the statement timeout: canceling statement due to statement timeout. Raise the statement timeout, or narrow the schemas to read.\n`,
      );
    }
  });

  it('rr.config.json database.statementTimeoutMs sets the statement timeout of rrgen generate', async () => {
    const config = join(work, 'statement-timeout.config.json');
    writeFileSync(config, JSON.stringify({ database: { statementTimeoutMs: 200 } }));
    const result = await withCatalogLocked(database.url, () => runCli('generate', '--database-url', url, '--config', config, '--out', join(work, 'never-st')));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hit the statement timeout/);
    expect(existsSync(join(work, 'never-st'))).toBe(false);
  });

  it('a schema that does not exist names the ones that do', async () => {
    const messages = await bothCommands(['--database-url', url, '--schema', 'public,sales']);
    for (const message of messages) {
      expect(message).toBe('rrgen: schema "sales" not found in the database. Schemas that exist: "public". Fix the --schema list.\n');
    }
  });

  it('a connection the server ends mid-introspection: RR_CONNECTION_LOST, exit 2, nothing written', async () => {
    // Before round trip 5 (constraints) of every run: relations and columns were read already.
    const untap = tapIntrospectionQueries(async ({ roundTrip, sameSession }) => {
      if (roundTrip !== 5) return;
      const { rows } = await sameSession('SELECT pg_backend_pid() AS pid');
      await runOnServer(serverUrl, `SELECT pg_terminate_backend(${Number(rows[0].pid)}, 10000)`);
    });
    try {
      const messages = await bothCommands(['--database-url', url]);
      for (const message of messages) {
        expect(message).toMatch(new RegExp(`^rrgen: the connection to ${where.replace(/[.]/g, '\\.')} was (closed by the server|lost) during introspection \\(.+\\)\\. Nothing was written; try again\\.\n$`));
      }
    } finally {
      untap();
    }
  });

  it('the same database, with nothing wrong, succeeds (the failures above are the faults, not the set-up)', async () => {
    const out = join(work, 'good');
    mkdirSync(out);
    const result = await runCli('generate', '--database-url', url, '--out', out, '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tables: 1, models: 1 });
  });
});
