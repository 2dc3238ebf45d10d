import { copyFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Lays out an Nx workspace at `root` that uses the rr repository at `repoRoot`: its node_modules
 * (linked), its tsconfig.base.json, and a package.json, lockfile and nx.json naming @rr/models.
 * `nxJson` adds to the nx.json (plugins, namedInputs). The end-to-end tests and the nx benchmark
 * both build their throw-away workspaces this way.
 */
export function scaffoldNestedWorkspace(root: string, repoRoot: string, nxJson: Readonly<Record<string, unknown>> = {}): void {
  const json = (file: string, value: unknown) => writeFileSync(join(root, file), `${JSON.stringify(value, null, 2)}\n`);
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  copyFileSync(join(repoRoot, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  json('package.json', { name: 'ws', version: '0.0.0', private: true, type: 'module', devDependencies: { '@rr/models': '0.0.0' } });
  // Without a lockfile entry Nx cannot hash @rr/models, the external dependency of every rrgen task.
  json('package-lock.json', {
    name: 'ws',
    version: '0.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'ws', version: '0.0.0', devDependencies: { '@rr/models': '0.0.0' } },
      'node_modules/@rr/models': { version: '0.0.0', resolved: `file:${join(repoRoot, 'packages/models')}`, dev: true },
    },
  });
  json('nx.json', { neverConnectToCloud: true, analytics: false, useDaemonProcess: false, tui: { enabled: false }, ...nxJson });
}

/**
 * The environment of an `nx` run inside a throw-away workspace (end-to-end tests, the nx
 * benchmark): CI settings, a private cache and workspace data under `stateDir`, no daemon, no
 * colour, and none of the NX_* / rr / vitest variables of the process that starts it (under
 * `nx run …` those name the outer task and would confuse the inner nx).
 */
export function nestedNxEnv(stateDir: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('NX_') || key.startsWith('RR_') || key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'FORCE_COLOR') continue;
    env[key] = value;
  }
  return {
    ...env,
    CI: 'true',
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_CACHE_DIRECTORY: join(stateDir, 'cache'),
    NX_WORKSPACE_DATA_DIRECTORY: join(stateDir, 'data'),
    NO_COLOR: '1',
    ...extra,
  };
}
