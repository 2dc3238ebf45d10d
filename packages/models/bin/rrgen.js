#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// V8 grows the young generation, doubling it while much of it survives, up to 16 MiB per
// semi-space: a cold run of a large schema then holds about 25 MiB more, for no gain in speed
// (docs/performance.md).
// The growth factor is read at every growth, so it can still be set now; the heap's maximum
// sizes cannot. Only this process's own entry point sets it: not the library, not an executor.
setFlagsFromString('--semi-space-growth-factor=1');

// A reader that goes away (`rrgen … --json | head -c 0`) ends the output, not the run: the run
// finishes and exits with its own code. Node has no SIGPIPE to die of; unhandled, the error
// would crash the process with a stack trace instead.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

const { loadCachedBundle } = await import('../dist/cli/cached-bundle.js');
const bundle = loadCachedBundle(fileURLToPath(new URL('../dist/bundle/rrgen.cjs', import.meta.url)));
process.exitCode = await bundle.exports.main(process.argv.slice(2), undefined, { codeCache: bundle.codeCache });
// The bundle build runs rrgen once this way to write the code cache (tools/bundle-cli.mjs).
if (process.env.RR_WRITE_CODE_CACHE === '1') bundle.writeCodeCache();
