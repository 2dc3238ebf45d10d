import { join } from 'node:path';

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
