/**
 * A private PostgreSQL cluster for tests that need what the shared test server cannot give:
 * password authentication (the shared server trusts everyone), roles and grants that no other
 * test sees. `initdb` into a temporary directory with scram-sha-256, a server on a free loopback
 * port, stopped and removed by `stop()` (or, if the test process dies first, at exit).
 *
 * initdb and postgres refuse to run as root; as root they run as the `postgres` OS user through
 * runuser. Only node built-ins and pg, so the end-to-end tests can import this file directly.
 * Not part of the package build (see tsconfig.lib.json).
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const OS_USER = 'postgres';

/** The superuser of a private cluster; its password is random per cluster. */
export const CLUSTER_SUPERUSER = 'postgres';

export interface PrivateCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `postgres://user:password@127.0.0.1:port/database`, the user and password URL-encoded. */
  url(options?: { readonly user?: string; readonly password?: string; readonly database?: string }): string;
  /** Runs SQL (any number of statements) as the superuser in `database` (default postgres). */
  exec(sql: string, database?: string): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

export type ClusterAvailability =
  | { readonly available: true; readonly bin: string }
  | { readonly available: false; readonly why: string };

const INSTALL_HINT =
  'install the PostgreSQL server binaries (Debian/Ubuntu: apt-get install postgresql-15; they land in ' +
  '/usr/lib/postgresql/15/bin), or set RR_PG_BIN to the directory that holds initdb, pg_ctl and postgres';

/** `RR_PG_BIN`, else the newest /usr/lib/postgresql/<version>/bin with initdb in it. */
function findBinDir(): string | null {
  const configured = process.env.RR_PG_BIN;
  if (configured) return existsSync(join(configured, 'initdb')) ? configured : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

const isRoot = () => process.getuid?.() === 0;

/** Whether a private cluster can be started here, and if not, what to install. */
export function privateClusterAvailability(): ClusterAvailability {
  const bin = findBinDir();
  if (bin === null) {
    return { available: false, why: `no initdb found${process.env.RR_PG_BIN ? ` in RR_PG_BIN=${process.env.RR_PG_BIN}` : ''}: ${INSTALL_HINT}.` };
  }
  if (isRoot()) {
    if (spawnSync('id', ['-u', OS_USER]).status !== 0) {
      return { available: false, why: `running as root, and initdb refuses root: an OS user "${OS_USER}" is needed to run it (${INSTALL_HINT}; the package creates the user).` };
    }
    if (spawnSync('runuser', ['--help']).error) return { available: false, why: 'running as root, and initdb refuses root: runuser (util-linux) is needed to run it as "postgres".' };
  }
  return { available: true, bin };
}

/**
 * For spec files: true when a private cluster can be started. When it cannot, CI fails (a silent
 * skip would hide a broken set-up) and a developer's run says loudly what is skipped and why.
 */
export function requirePrivateCluster(what: string): boolean {
  const availability = privateClusterAvailability();
  if (availability.available) return true;
  if (process.env.CI) throw new Error(`a private PostgreSQL cluster cannot be started for ${what}: ${availability.why} CI needs these tests.`);
  console.warn(`[rr tests] SKIPPED ${what}: no private PostgreSQL cluster: ${availability.why}`);
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A binary of the cluster, as the postgres OS user when we are root. */
function command(bin: string, tool: string, args: readonly string[]): [string, string[]] {
  const path = join(bin, tool);
  return isRoot() ? ['runuser', ['-u', OS_USER, '--', path, ...args]] : [path, [...args]];
}

function ownByClusterUser(path: string): void {
  if (!isRoot()) return;
  const uid = Number(spawnSync('id', ['-u', OS_USER], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', OS_USER], { encoding: 'utf8' }).stdout.trim());
  chownSync(path, uid, gid);
}

async function tool(bin: string, name: string, args: readonly string[]): Promise<void> {
  const [file, argv] = command(bin, name, args);
  try {
    await run(file, argv, { timeout: 120_000 });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${name} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** Starts a fresh cluster with scram-sha-256 for every connection, on a free loopback port. */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const availability = privateClusterAvailability();
  if (!availability.available) throw new Error(`cannot start a private PostgreSQL cluster: ${availability.why}`);
  const { bin } = availability;
  const dir = mkdtempSync(join(tmpdir(), 'rr-pg-cluster-'));
  ownByClusterUser(dir);
  const data = join(dir, 'data');
  const superPassword = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'superuser-password');
  writeFileSync(pwfile, `${superPassword}\n`, { mode: 0o600 });
  ownByClusterUser(pwfile);

  let started = false;
  const stopSync = () => {
    if (started) {
      const [file, argv] = command(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      spawnSync(file, argv, { stdio: 'ignore' });
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that dies without stop() must not leave a server running.
  process.once('exit', stopSync);

  try {
    await tool(bin, 'initdb', ['-D', data, '-U', CLUSTER_SUPERUSER, '--pwfile', pwfile, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '-N']);
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      // The socket directory is the cluster's own, so nothing reaches it but through TCP with a password.
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=30 -c shared_buffers=16MB`;
      try {
        await tool(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
        started = true;
        break;
      } catch (error) {
        // Another process took the port between freePort() and the server's bind: try another.
        if (attempt >= 2) throw error;
      }
    }
    const url: PrivateCluster['url'] = ({ user = CLUSTER_SUPERUSER, password = user === CLUSTER_SUPERUSER ? superPassword : undefined, database = 'postgres' } = {}) =>
      `postgres://${encodeURIComponent(user)}${password === undefined ? '' : `:${encodeURIComponent(password)}`}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
    return {
      host: '127.0.0.1',
      port,
      url,
      async exec(sql, database = 'postgres') {
        const client = new pg.Client({ connectionString: url({ database }) });
        client.on('error', () => undefined);
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      async stop() {
        process.removeListener('exit', stopSync);
        if (started) {
          await tool(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
          started = false;
        }
        stopSync();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw error;
  }
}
