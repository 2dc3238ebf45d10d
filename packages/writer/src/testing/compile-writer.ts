import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/**
 * Compiles the writer's sources into `outDir` as plain ESM, for specs that must run the real
 * writer in a child process (to kill it mid-write, or race two of them).
 *
 * Why not import `dist/`: nothing guarantees it was built from the current sources before the
 * tests run, and a stale build would test old code. Node 20 cannot run TypeScript itself, and
 * tsx is not installed, so each file is transpiled here (type-only syntax stripped, nothing
 * bundled); the writer has no dependencies besides Node built-ins, so that is all it takes.
 */
export function compileWriter(outDir: string): string {
  const sourceDir = fileURLToPath(new URL('..', import.meta.url));
  for (const name of readdirSync(sourceDir)) {
    if (!name.endsWith('.ts') || name.endsWith('.spec.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(sourceDir, name), 'utf8'), {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    writeFileSync(join(outDir, name.replace(/\.ts$/, '.js')), outputText);
  }
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  return pathToFileURL(join(outDir, 'index.js')).href;
}

/**
 * Writes a child-process script that runs `writeFiles(outputDir, <files from a JSON file>)` and
 * prints its report as JSON. Returns the script's path.
 */
export function writeRunnerScript(dir: string, writerUrl: string): string {
  const path = join(dir, 'run-writer.mjs');
  writeFileSync(
    path,
    [
      "import { readFileSync } from 'node:fs';",
      `import { writeFiles } from ${JSON.stringify(writerUrl)};`,
      'const [outputDir, filesPath, batchSize] = process.argv.slice(2);',
      "const files = JSON.parse(readFileSync(filesPath, 'utf8'));",
      'const report = await writeFiles(outputDir, files, { batchSize: Number(batchSize) });',
      'process.stdout.write(JSON.stringify(report));',
      '',
    ].join('\n'),
  );
  return path;
}
