#!/usr/bin/env node
// CommonJS, as is the loader it requires: no ES module is loaded before the CLI runs.
'use strict';
const { join } = require('node:path');

// A reader that goes away (`rrgen … --json | head -c 0`) ends the output, not the run: the run
// finishes and exits with its own code. Node has no SIGPIPE to die of; unhandled, the error
// would crash the process with a stack trace instead.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

const { loadCachedBundle, capYoungGeneration } = require('../dist/bundle/rrgen-loader.cjs');
const bundle = loadCachedBundle(join(__dirname, '..', 'dist', 'bundle', 'rrgen.cjs'));
// Only this process's own entry point sizes the heap: not the library, not an executor. And
// only once the bundle is compiled, under the flags its code cache was made under.
const youngGeneration = capYoungGeneration();
bundle.exports.main(process.argv.slice(2), undefined, { codeCache: bundle.codeCache }).then((code) => {
  process.exitCode = code;
  // The bundle build runs rrgen once this way to write the code cache (tools/bundle-cli.mjs).
  if (process.env.RR_WRITE_CODE_CACHE === '1') {
    youngGeneration.release();
    bundle.writeCodeCache();
  }
});
