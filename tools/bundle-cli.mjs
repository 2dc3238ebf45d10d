#!/usr/bin/env node
// Bundles the rrgen CLI, the render worker and the Nx executors under packages/models/dist/bundle.
// Loading one bundle instead of ~300 modules halves rrgen's start-up (measured: ~85 ms against
// ~170 ms to import everything on this 2-core machine); see docs/performance.md. Run after
// `tsc -b`: it bundles the compiled JavaScript. The CLI's bundle is CommonJS, so that it can run
// from V8's code cache, which this build writes by running rrgen once (cached-bundle.ts).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const models = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'models');
const require = createRequire(import.meta.url);

/** A bundle plugin that edits the files matching `filter` as they are bundled: `edit(source, path)` returns the new text, or throws. */
function sourceEdit(name, filter, edit) {
  return {
    name,
    setup(bundle) {
      bundle.onLoad({ filter }, async ({ path }) => ({ contents: edit(await readFile(path, 'utf8'), path), loader: 'js' }));
    },
  };
}

/**
 * pg picks its socket code when it is loaded, asking whether it runs on Cloudflare Workers; on
 * Node 20 the question constructs a `Response`, which loads all of undici (~45 ms of every start
 * on this machine). These bundles run on Node only, so the answer is fixed at build time. The
 * build fails if pg's code no longer has the function, rather than bundling it unchanged.
 */
const nodeOnlyPg = sourceEdit('rr-node-only-pg', /[\\/]pg[\\/]lib[\\/]stream\.js$/, (source, path) => {
  const question = 'function isCloudflareRuntime() {';
  if (!source.includes(question)) throw new Error(`${path}: no isCloudflareRuntime() to answer; review the rr-node-only-pg bundle plugin for this pg version`);
  return source.replace(question, `${question}\n  return false;`);
});

/**
 * commander loads `node:child_process` (and with it `node:net` and `node:dgram`) when it is
 * loaded, for the executable subcommands rrgen does not have; that is about 2 ms of every start
 * of a run that never connects anywhere. Its one use, `spawn`, loads the module when called. The
 * build fails if commander's code no longer matches, rather than bundling it unchanged.
 */
const lazyChildProcess = sourceEdit('rr-lazy-child-process', /[\\/]commander[\\/]lib[\\/]command\.js$/, (source, path) => {
  const eager = "const childProcess = require('node:child_process');";
  const uses = new Set(source.match(/childProcess\.\w+/g));
  if (!source.includes(eager) || [...uses].some((use) => use !== 'childProcess.spawn')) {
    throw new Error(`${path}: commander no longer loads child_process as rr-lazy-child-process expects; review the plugin for this commander version`);
  }
  return source.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
});

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

const shared = {
  absWorkingDir: models,
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  target: 'node20',
  // PGlite loads its WebAssembly and extension files from its own package directory, and only
  // `.sql` sources need it; pg-native is an optional peer of pg that rr never uses.
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native'],
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...shared,
  // The Nx executors are bundled too: every Nx task is a fresh process that loads its executor.
  entryPoints: {
    'render-worker': 'dist/pipeline/workers/render-worker.js',
    'executor-rrgen': 'dist/executors/rrgen/executor.js',
    'executor-snapshot': 'dist/executors/snapshot/executor.js',
    'executor-check': 'dist/executors/check/executor.js',
  },
  // Split at dynamic imports: an executor's run the run record answers loads only what it
  // needs, not the mapper, the renderer and Handlebars (generate.ts). The chunks stay beside the
  // entry points, where the code that starts the render worker finds it.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  // CommonJS dependencies (pg, handlebars, commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __rrCreateRequire } from 'node:module'; const require = __rrCreateRequire(import.meta.url);" },
  define: { __RR_CODE_HASHES__: JSON.stringify(codeHashes) },
  plugins: [nodeOnlyPg, precompiledTemplates],
});

/**
 * A script compiled from V8's code cache cannot run `import()` (cached-bundle.ts), and the CLI's
 * bundle keeps one for PGlite, which stays outside it: such imports become calls of the function
 * the loader passes in as `__rrImportExternal`. The build fails if any `import(` is left.
 */
const externalImports = sourceEdit('rr-external-imports', /[\\/]schema[\\/]dist[\\/]sources[\\/].*\.js$/, (source) =>
  source.replace(/\bimport\((?=[`'"]@electric-sql\/pglite)/g, '__rrImportExternal('),
);

const cliBundle = join(models, 'dist', 'bundle', 'rrgen.cjs');
await build({
  ...shared,
  entryPoints: { rrgen: 'dist/cli/main.js' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // Code that finds files beside itself (the render worker, the templates) asks import.meta.url.
  banner: { js: 'var __rrBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { __RR_CODE_HASHES__: JSON.stringify(codeHashes), 'import.meta.url': '__rrBundleUrl' },
  plugins: [nodeOnlyPg, precompiledTemplates, externalImports, lazyChildProcess],
});
// The bin's own loader of that bundle, CommonJS too, so that the bin needs no ES module.
await build({ ...shared, entryPoints: { 'rrgen-loader': 'dist/cli/loader.js' }, outExtension: { '.js': '.cjs' }, format: 'cjs' });
const left = (await readFile(cliBundle, 'utf8')).match(/^.*\bimport\(.*$/m);
if (left !== null) throw new Error(`${cliBundle} still calls import(), which fails when it runs from its code cache: ${left[0].trim()}`);

/**
 * The code cache: rrgen generates the shop example twice, in processes set up as every run of the
 * CLI is (its own flags, none from NODE_OPTIONS, which V8 would count as other flags). The first
 * run goes through the whole pipeline, the second is answered by the run record; each writes the
 * bytecode of every function it has, the second with the first's from the cache it ran from.
 */
const example = join(models, '..', '..', 'examples', 'shop', 'rr.schema.json');
if (existsSync(example)) {
  const training = await mkdtemp(join(tmpdir(), 'rr-code-cache-'));
  try {
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    for (let run = 0; run < 2; run++) {
      execFileSync(process.execPath, [join(models, 'bin', 'rrgen.cjs'), 'generate', '--snapshot', example, '--out', join(training, 'out'), '--json'], {
        env: { ...env, CACHE_DIR: join(training, 'cache'), RR_WRITE_CODE_CACHE: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
  } finally {
    await rm(training, { recursive: true, force: true });
  }
} else {
  console.warn(`no ${example}: the rrgen bundle has no code cache and compiles as it runs`);
}
