// Preloaded into an rrgen process by bundle-loading.spec.ts (NODE_OPTIONS=--import): registers
// the hooks that list every module the process loads.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, { data: { file: process.env.RR_E2E_LOADS_FILE } });
