#!/usr/bin/env node
import { fileURLToPath } from 'node:url';

// A reader that goes away (`rrgen … --json | head -c 0`) ends the output, not the run: the run
// finishes and exits with its own code. Node has no SIGPIPE to die of; unhandled, the error
// would crash the process with a stack trace instead.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

const { loadCachedBundle } = await import('../dist/cli/cached-bundle.js');
const bundle = loadCachedBundle(fileURLToPath(new URL('../dist/bundle/rrgen.cjs', import.meta.url)));
// Only this process's own entry point sizes the heap: not the library, not an executor. And
// only once the bundle is compiled, under the flags its code cache was made under.
const { capYoungGeneration } = await import('../dist/cli/young-generation.js');
const youngGeneration = capYoungGeneration();
process.exitCode = await bundle.exports.main(process.argv.slice(2), undefined, { codeCache: bundle.codeCache });
// The bundle build runs rrgen once this way to write the code cache (tools/bundle-cli.mjs).
if (process.env.RR_WRITE_CODE_CACHE === '1') {
  youngGeneration.release();
  bundle.writeCodeCache();
}
