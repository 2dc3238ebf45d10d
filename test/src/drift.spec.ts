import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { postgresReachable, SECRET, TempDatabase } from './support/database.js';
import { describeRun, TempWorkspace } from './support/workspace.js';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('a column added in the database: rr-check, rr-snapshot, rrgen', () => {
  let ws: TempWorkspace;
  let db: TempDatabase;
  /** rr-snapshot and rr-check read the URL from here, as rr.config.json says; it carries a password. */
  let env: Record<string, string>;

  beforeAll(async () => {
    ws = TempWorkspace.create();
    db = await TempDatabase.create();
    env = { RR_DATABASE_URL: db.url(SECRET) };
    await db.exec(`
      create table users (
        id bigint generated always as identity primary key,
        email text not null,
        created_at timestamptz not null default now()
      );`);
    const run = await ws.nx(['g', '@rr/models:generate', 'live', '--directory', 'libs/live', '--databaseUrl', db.url(), '--no-interactive']);
    expect(run.code, describeRun(run)).toBe(0);
  });

  afterAll(async () => {
    ws?.dispose();
    await db?.drop();
  });

  it('rr-check passes while the database matches the snapshot', async () => {
    const run = await ws.nx(['run', 'live:rr-check', '--output-style=static'], { env });

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/live: the database matches rr\.schema\.json/);
  });

  it('rr-check fails, and says what to set, when RR_DATABASE_URL is missing', async () => {
    const run = await ws.nx(['run', 'live:rr-check', '--output-style=static']);

    expect(run.code, describeRun(run)).not.toBe(0);
    expect(run.output).toMatch(/RR_DATABASE_URL is not set/);
  });

  it('rr-check exits non-zero and names the new column', async () => {
    await db.exec('alter table users add column favorite_color text');

    const run = await ws.nx(['run', 'live:rr-check', '--output-style=static'], { env });

    expect(run.code, describeRun(run)).not.toBe(0);
    expect(run.output).toMatch(/differs from rr\.schema\.json/);
    expect(run.output).toContain('public.users.favorite_color');
    expect(run.output).toMatch(/rr-snapshot/);
    expect(run.output).not.toContain(SECRET);
  });

  it('rr-snapshot then rrgen bring the snapshot and the generated code up to date', async () => {
    expect(ws.read('libs/live/src/generated/schema.ts')).not.toContain('favoriteColor');

    const snapshot = await ws.nx(['run', 'live:rr-snapshot', '--output-style=static'], { env });
    expect(snapshot.code, describeRun(snapshot)).toBe(0);
    expect(snapshot.output).not.toContain(SECRET);
    expect(ws.read('libs/live/rr.schema.json')).toContain('"favorite_color"');

    const rrgen = await ws.nx(['run', 'live:rrgen', '--output-style=static']);
    expect(rrgen.code, describeRun(rrgen)).toBe(0);
    expect(ws.read('libs/live/src/generated/schema.ts')).toMatch(/favoriteColor: string\(\)\.from\("favorite_color"\)/);
  });

  it('rr-check passes again, and no file holds the password', async () => {
    const run = await ws.nx(['run', 'live:rr-check', '--output-style=static'], { env });

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.output).toMatch(/the database matches/);
    expect(ws.filesContaining(SECRET)).toEqual([]);
  });
});
