#!/usr/bin/env node
// Bundles the rrgen CLI, the render worker and the Nx executors into one ESM file each under
// packages/models/dist/bundle. Loading one bundle instead of ~300 modules halves rrgen's start-up
// (measured: ~85 ms against ~170 ms to import everything on this 2-core machine); see
// docs/performance.md. Run after `tsc -b`: it bundles the compiled JavaScript.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const models = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'models');
const require = createRequire(import.meta.url);

/**
 * pg picks its socket code when it is loaded, asking whether it runs on Cloudflare Workers; on
 * Node 20 the question constructs a `Response`, which loads all of undici (~45 ms of every start
 * on this machine). These bundles run on Node only, so the answer is fixed at build time. The
 * build fails if pg's code no longer has the function, rather than bundling it unchanged.
 */
const nodeOnlyPg = {
  name: 'rr-node-only-pg',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const question = 'function isCloudflareRuntime() {';
      if (!source.includes(question)) throw new Error(`${path}: no isCloudflareRuntime() to answer; review the rr-node-only-pg bundle plugin for this pg version`);
      return { contents: source.replace(question, `${question}\n  return false;`), loader: 'js' };
    });
  },
};

/**
 * rr's own templates, precompiled into the bundles (precompiled-templates.ts says why): the
 * renderer's module of that name gets the texts and Handlebars' compiled form of each, made
 * with the options the renderer compiles with at run time.
 */
const renderer = join(models, '..', 'renderer');
const precompiledTemplates = {
  name: 'rr-precompiled-templates',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]renderer[\\/]dist[\\/]templates[\\/]precompiled-templates\.js$/ }, async () => {
      const { default: Handlebars } = await import(pathToFileURL(require.resolve('handlebars', { paths: [renderer] })).href);
      const { builtinTemplates } = await import(pathToFileURL(join(renderer, 'dist', 'templates', 'builtin-templates.js')).href);
      const { COMPILE_OPTIONS } = await import(pathToFileURL(join(renderer, 'dist', 'templates', 'precompiled-templates.js')).href);
      const entries = builtinTemplates().map(({ name, source }) => `  [${JSON.stringify(name)}, { source: ${JSON.stringify(source)}, spec: ${Handlebars.precompile(source, COMPILE_OPTIONS)} }],`);
      const contents = [`export const PRECOMPILED_TEMPLATES = new Map([`, ...entries, `]);`, `export const COMPILE_OPTIONS = ${JSON.stringify(COMPILE_OPTIONS)};`, ''].join('\n');
      return { contents, loader: 'js', resolveDir: join(renderer, 'dist', 'templates') };
    });
  },
};

// The hashes of the code each bundle is made from, as the caches key on them (code-hash.ts).
const { codeHash } = await import(pathToFileURL(join(models, 'dist', 'pipeline', 'code-hash.js')).href);
const codeHashes = Object.fromEntries(['@rr/schema', '@rr/mapper', '@rr/renderer', '@rr/writer', '@rr/models'].map((name) => [name, codeHash(name)]));

// Chunk names carry their content's hash: the last build's would stay beside this one's.
await rm(join(models, 'dist', 'bundle'), { recursive: true, force: true });

await build({
  absWorkingDir: models,
  // The Nx executors are bundled too: every Nx task is a fresh process that loads its executor.
  entryPoints: {
    rrgen: 'dist/cli/main.js',
    'render-worker': 'dist/pipeline/workers/render-worker.js',
    'executor-rrgen': 'dist/executors/rrgen/executor.js',
    'executor-snapshot': 'dist/executors/snapshot/executor.js',
    'executor-check': 'dist/executors/check/executor.js',
  },
  outdir: 'dist/bundle',
  bundle: true,
  // Split at dynamic imports: a run the run record answers loads only what it needs, not the
  // mapper, the renderer and Handlebars (generate.ts). The chunks stay beside the entry points,
  // where the code that starts the render worker finds it.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // PGlite loads its WebAssembly and extension files from its own package directory, and only
  // `.sql` sources need it; pg-native is an optional peer of pg that rr never uses.
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native'],
  // CommonJS dependencies (pg, handlebars, commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __rrCreateRequire } from 'node:module'; const require = __rrCreateRequire(import.meta.url);" },
  define: { __RR_CODE_HASHES__: JSON.stringify(codeHashes) },
  plugins: [nodeOnlyPg, precompiledTemplates],
  legalComments: 'none',
  logLevel: 'warning',
});
