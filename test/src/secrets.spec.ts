/**
 * A real password, used: a role with a scram-sha-256 password on a private PostgreSQL cluster.
 * Every rr command runs with it — rrgen snapshot and rrgen generate (URL by flag and by
 * RR_DATABASE_URL; success, wrong password, unreachable host, missing schema, schema without
 * USAGE, statement timeout; human, --json and --verbose output), the Nx generator with
 * --databaseUrl, and the rr-snapshot / rr-check / rrgen targets — and neither the password nor
 * any encoding of it may appear in any output or in any file under the temporary directory
 * (snapshots, generated code, rr.config.json, project.json, nx.json, Nx's cache and workspace data)
 * unless the user asks the generator to store the URL.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { lockCatalog } from '../../packages/schema/src/testing/catalog-lock.js';
import { requirePrivateCluster, startPrivateCluster, type PrivateCluster } from '../../packages/schema/src/testing/private-cluster.js';
import { describeRun, REPO_ROOT, TempWorkspace, type NxResult } from './support/workspace.js';

/** The core appears in every encoding of the password; the rest needs URL-encoding. */
const CORE = 'Zq9xK7e2eSecret';
const PASSWORD = `${CORE}:p@ss/w%rd#?`;
const ROLE = 'rr_app';
const RRGEN = join(REPO_ROOT, 'node_modules/@rr/models/bin/rrgen.cjs');

const available = requirePrivateCluster('the secrets e2e spec (secrets.spec.ts)');

/** What a run printed, for the final search. */
const printed: string[] = [];

function expectNoSecret(text: string, what: string): void {
  expect(text, what).not.toContain(CORE);
  expect(text, what).not.toContain(encodeURIComponent(PASSWORD));
}

describe.runIf(available)('a database password never appears in output or files', () => {
  let cluster: PrivateCluster;
  let ws: TempWorkspace;
  const url = (options: { password?: string; port?: number } = {}) => {
    const base = cluster.url({ user: ROLE, password: options.password ?? PASSWORD, database: 'app' });
    return options.port === undefined ? base : base.replace(`:${cluster.port}/`, `:${options.port}/`);
  };

  /** rrgen as a user runs it: the installed bin in a child process, in the workspace. */
  function rrgen(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<NxResult> {
    return new Promise((resolve, reject) => {
      const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RR_') && !key.startsWith('PG') && !key.startsWith('VITEST')));
      const child = spawn(process.execPath, [RRGEN, ...args], { cwd: ws.root, env: { ...clean, NODE_ENV: '', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        printed.push(stdout, stderr);
        resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
      });
    });
  }

  async function nx(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<NxResult> {
    const result = await ws.nx(args, { env });
    printed.push(result.output);
    return result;
  }

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    await cluster.exec('CREATE DATABASE app');
    await cluster.exec(
      `CREATE TYPE public.status AS ENUM ('active', 'closed');
       CREATE TABLE public.accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, status public.status NOT NULL DEFAULT 'active');
       CREATE TABLE public.members (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id bigint NOT NULL REFERENCES public.accounts (id), email text NOT NULL);
       CREATE SCHEMA secret;
       CREATE TABLE secret.tokens (id int PRIMARY KEY);
       CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
       GRANT CONNECT ON DATABASE app TO ${ROLE};`,
      'app',
    );
    ws = TempWorkspace.create();
  });

  afterAll(async () => {
    ws?.dispose();
    await cluster?.stop();
  });

  type Mode = 'flag' | 'env';
  interface Invocation { readonly args: readonly string[]; readonly env: Readonly<Record<string, string>> }
  interface Case { readonly name: string; readonly source: (mode: Mode) => Invocation; readonly code: number; readonly message: RegExp | null }
  const viaMode = (databaseUrl: string, extra: readonly string[] = []) => (mode: Mode): Invocation =>
    mode === 'flag' ? { args: ['--database-url', databaseUrl, ...extra], env: {} } : { args: extra, env: { RR_DATABASE_URL: databaseUrl } };
  const cases = (): Case[] => [
    { name: 'success', source: viaMode(url()), code: 0, message: null },
    { name: 'wrong password', source: viaMode(url({ password: `${PASSWORD}x` })), code: 2, message: /rejected user "rr_app": password authentication failed/ },
    { name: 'unreachable host', source: viaMode(url({ port: 1 })), code: 2, message: /cannot connect to PostgreSQL at 127\.0\.0\.1:1: connection refused/ },
    { name: 'missing schema', source: viaMode(url(), ['--schema', 'sales']), code: 2, message: /schema "sales" not found in the database/ },
    { name: 'schema without USAGE', source: viaMode(url(), ['--schema', 'secret']), code: 2, message: /role "rr_app" may not read schema "secret" \(no USAGE privilege\)/ },
    { name: 'statement timeout', source: viaMode(url(), ['--statement-timeout', '300']), code: 2, message: /hit the statement timeout/ },
  ];
  const outputs: Record<'snapshot' | 'generate', readonly (readonly string[])[]> = {
    snapshot: [[], ['--json']],
    generate: [['--verbose'], ['--json'], ['--json', '--verbose']],
  };

  it('rrgen snapshot and rrgen generate, every case and output form, URL by flag and by RR_DATABASE_URL', async () => {
    let runs = 0;
    for (const c of cases()) {
      // The statement timeout comes from a lock on the catalog, held by the superuser meanwhile.
      const locker = c.name === 'statement timeout' ? await lockCatalog(cluster.url({ database: 'app' })) : null;
      try {
        for (const command of ['snapshot', 'generate'] as const) {
          for (const mode of ['flag', 'env'] as const) {
            for (const output of outputs[command]) {
              const where = `out/${command}-${mode}-${runs++}`;
              const { args, env } = c.source(mode);
              const target = command === 'snapshot' ? [`${where}.json`] : [where];
              const result = await rrgen([command, ...args, ...output, '--out', ...target], env);
              const label = `${c.name}: rrgen ${command} (${mode}) ${output.join(' ')}\n${describeRun(result)}`;
              expect(result.code, label).toBe(c.code);
              if (c.message) expect(result.stderr, label).toMatch(c.message);
              if (c.code === 0 && output.includes('--json')) expect(JSON.parse(result.stdout), label).toMatchObject({ tables: 2 });
              if (c.code === 0 && output.includes('--verbose')) expect(result.stderr, label).toMatch(/stages:\n\s+run-record:.*\n\s+introspect:/);
              expect(ws.exists(command === 'snapshot' ? `${where}.json` : where), label).toBe(c.code === 0);
              expectNoSecret(result.output, label);
            }
          }
        }
      } finally {
        await locker?.release();
      }
    }
    expect(runs).toBe(cases().length * 2 * (outputs.snapshot.length + outputs.generate.length));
  });

  it('nx g @rr/models:generate --databaseUrl, failing and succeeding', async () => {
    const refused = await nx(['g', '@rr/models:generate', 'refused', '--directory', 'libs/refused', '--databaseUrl', url({ password: `${PASSWORD}x` }), '--no-interactive', '--verbose']);
    expect(refused.code, describeRun(refused)).not.toBe(0);
    expect(refused.output).toMatch(/rejected user "rr_app": password authentication failed/);
    expect(ws.exists('libs/refused')).toBe(false);
    expectNoSecret(refused.output, describeRun(refused));

    const made = await nx(['g', '@rr/models:generate', 'app-models', '--directory', 'libs/app-models', '--databaseUrl', url(), '--no-interactive', '--verbose']);
    expect(made.code, describeRun(made)).toBe(0);
    expect(ws.readJson('libs/app-models/rr.config.json')).toMatchObject({ source: { databaseUrlEnv: 'RR_DATABASE_URL' } });
    expect(ws.readJson<{ tables: unknown[] }>('libs/app-models/rr.schema.json').tables).toHaveLength(2);
    expectNoSecret(made.output, describeRun(made));
  });

  it('the rr-snapshot, rr-check and rrgen targets with RR_DATABASE_URL, failing and succeeding', async () => {
    const env = { RR_DATABASE_URL: url() };
    const check = await nx(['run', 'app-models:rr-check', '--output-style=static', '--verbose'], env);
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.output).toMatch(/the database matches rr\.schema\.json/);

    const snapshot = await nx(['run', 'app-models:rr-snapshot', '--output-style=static', '--verbose'], env);
    expect(snapshot.code, describeRun(snapshot)).toBe(0);

    const committed = ws.read('libs/app-models/rr.schema.json');
    for (const bad of [url({ password: `${PASSWORD}x` }), url({ port: 1 })]) {
      for (const target of ['rr-check', 'rr-snapshot']) {
        const failed = await nx(['run', `app-models:${target}`, '--output-style=static', '--verbose'], { RR_DATABASE_URL: bad });
        expect(failed.code, describeRun(failed)).not.toBe(0);
        expect(failed.output).toMatch(/rejected user "rr_app"|connection refused/);
        expectNoSecret(failed.output, describeRun(failed));
        expect(ws.read('libs/app-models/rr.schema.json')).toBe(committed);
      }
    }

    // rr.config.json database.statementTimeoutMs reaches the targets' introspection.
    const configFile = 'libs/app-models/rr.config.json';
    ws.writeJson(configFile, { ...ws.readJson<Record<string, unknown>>(configFile), database: { statementTimeoutMs: 300 } });
    const lock = await lockCatalog(cluster.url({ database: 'app' }));
    try {
      const timedOut = await nx(['run', 'app-models:rr-check', '--output-style=static'], env);
      expect(timedOut.code, describeRun(timedOut)).not.toBe(0);
      expect(timedOut.output).toMatch(/rr: introspecting 127\.0\.0\.1:\d+\/app hit the statement timeout/);
      expectNoSecret(timedOut.output, describeRun(timedOut));
    } finally {
      await lock.release();
    }

    // Twice: the second run replays the first from Nx's cache, terminal output included.
    for (const cached of [false, true]) {
      const rrgenRun = await nx(['run', 'app-models:rrgen', '--output-style=static', '--verbose'], env);
      expect(rrgenRun.code, describeRun(rrgenRun)).toBe(0);
      expect(rrgenRun.output.includes('[local cache]'), describeRun(rrgenRun)).toBe(cached);
    }
    for (const result of [check, snapshot]) expectNoSecret(result.output, describeRun(result));
  });

  it('no file under the workspace, its outputs or Nx’s cache and workspace data holds the password', () => {
    expect(ws.exists('out')).toBe(true);
    expect(ws.exists('libs/app-models/src/generated/schema.ts')).toBe(true);
    for (const needle of [CORE, encodeURIComponent(PASSWORD)]) expect(ws.filesContaining(needle)).toEqual([]);
    expect(printed.length).toBeGreaterThan(50);
    for (const text of printed) expectNoSecret(text, text);
  });

  it('--storeDatabaseUrl, the one way to store it, puts it in rr.config.json and nowhere else (the search finds it)', async () => {
    const stored = await nx(['g', '@rr/models:generate', 'stored', '--directory', 'libs/stored', '--databaseUrl', url(), '--storeDatabaseUrl', '--no-interactive']);
    expect(stored.code, describeRun(stored)).toBe(0);
    expectNoSecret(stored.output, describeRun(stored));
    expect(ws.filesContaining(CORE)).toEqual(['ws/libs/stored/rr.config.json']);
    expect(ws.filesContaining(encodeURIComponent(PASSWORD))).toEqual(['ws/libs/stored/rr.config.json']);
  });
});
