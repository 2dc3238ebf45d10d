/**
 * What `bin/rrgen.cjs` needs before the CLI's bundle runs. The build bundles it on its own, as
 * CommonJS (`dist/bundle/rrgen-loader.cjs`), so that the bin loads no ES module: loading the
 * bin and its loader as ES modules took about 5 ms of each run (docs/performance.md, Start-up).
 */
export { loadCachedBundle } from './cached-bundle.js';
export { capYoungGeneration } from './young-generation.js';
