/**
 * Compiles rendered output with the real TypeScript compiler, the way a user's project would.
 *
 * A generated project lives in a fresh directory inside the repository (under the ignored
 * `tmp/`), not in the OS temp directory: module resolution then walks up to the repository's
 * `node_modules`, so `@rocicorp/zero`, `zod` and `@types/node` resolve exactly as pinned here,
 * with nothing installed per test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { ModelSet } from '@rr/mapper';
import ts from 'typescript';

import { renderModelSet, type RenderOptions, type RenderedFile } from '../render-model-set.js';

/** The repository root: four levels above `packages/renderer/src/testing/`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where every generated project is created; `tmp/` is ignored by git. */
export const PROJECTS_DIR = join(REPO_ROOT, 'tmp', 'renderer-tests');

/** The directory, under the project root, that holds the rendered files. */
export const GENERATED_DIR = 'generated';

/** Where `emitProject` writes JavaScript, under the project root. */
export const DIST_DIR = 'dist';

/**
 * The strictest settings a consumer is likely to use. `nodenext` matters most: it is the mode
 * that rejects relative imports without `.js`, and `verbatimModuleSyntax` rejects value imports
 * of types, the two mistakes a template most easily makes.
 */
export const PROJECT_TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'es2022',
    lib: ['es2023'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    types: ['node'],
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    skipLibCheck: true,
    noEmit: true,
    rootDir: '.',
    outDir: DIST_DIR,
  },
  include: ['**/*.ts'],
  exclude: [DIST_DIR],
} as const;

export interface ProjectOptions {
  /** Passed to `renderModelSet` when the input is a model set. */
  readonly render?: RenderOptions;
  /**
   * More files, by path relative to the project root: hand-written types that the generated
   * code imports (`types/settings.ts` for an `@type X from ../types/settings` comment), or
   * type tests that use the generated modules.
   */
  readonly extraFiles?: Readonly<Record<string, string>>;
}

export interface GeneratedProject {
  /** Absolute path of the project directory. */
  readonly root: string;
  /** The rendered files as written, paths relative to `GENERATED_DIR`. */
  readonly files: readonly RenderedFile[];
  /** Writes (or replaces) one file, by path relative to the project root. */
  write(path: string, contents: string): void;
  /** Removes the project directory. Set `RR_KEEP_GENERATED=1` to keep it for `npx tsc -p <root>`. */
  dispose(): void;
}

export interface CompileDiagnostic {
  /** Path relative to the project root, or null for a diagnostic about the whole program. */
  readonly file: string | null;
  /** 1-based, or 0 when there is no file. */
  readonly line: number;
  readonly column: number;
  readonly code: number;
  readonly category: 'error' | 'warning' | 'suggestion' | 'message';
  readonly message: string;
  /** `file:line:column - error TS1234: message`, as `tsc` prints it. */
  readonly text: string;
}

export interface EmitResult {
  /** Diagnostics before emit and from emit itself; JavaScript is written even when there are some. */
  readonly diagnostics: readonly CompileDiagnostic[];
  /** Absolute path of the directory the JavaScript was written to. */
  readonly outDir: string;
}

/**
 * Writes rendered output (or renders a model set first) into a fresh project directory with a
 * `tsconfig.json` and a `package.json` that makes the emitted `.js` files ES modules.
 */
export function createGeneratedProject(
  input: ModelSet | readonly RenderedFile[],
  options: ProjectOptions = {},
): GeneratedProject {
  const files = isRenderedFiles(input) ? input : renderModelSet(input, options.render).files;
  mkdirSync(PROJECTS_DIR, { recursive: true });
  const root = mkdtempSync(join(PROJECTS_DIR, 'project-'));

  const write = (path: string, contents: string): void => {
    const target = resolve(root, path);
    if (!target.startsWith(root + sep)) throw new Error(`${path}: a project file must stay inside ${root}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
  };

  write('tsconfig.json', `${JSON.stringify(PROJECT_TSCONFIG, null, 2)}\n`);
  // Without it the nearest package.json decides the module kind; this pins ESM for nodenext.
  write('package.json', `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);
  for (const file of files) write(join(GENERATED_DIR, file.path), file.contents);
  for (const [path, contents] of Object.entries(options.extraFiles ?? {})) write(path, contents);

  return {
    root,
    files,
    write,
    dispose() {
      if (process.env.RR_KEEP_GENERATED === '1') return;
      // Only the project itself: removing an empty `tmp/renderer-tests` could race with another
      // test worker creating its project there.
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Type-checks and writes JavaScript to `<root>/dist` with the same compiler and settings, so
 * that the output can be loaded with `importEmitted`.
 */
export function emitProject(project: GeneratedProject): EmitResult {
  const { program, options } = createProgram(project, { noEmit: false });
  const before = ts.getPreEmitDiagnostics(program);
  const emitted = program.emit();
  const diagnostics = [...before, ...emitted.diagnostics].map((diagnostic) => toCompileDiagnostic(project.root, diagnostic));
  return { diagnostics, outDir: options.outDir ?? join(project.root, DIST_DIR) };
}

/** The `file:` URL of the JavaScript emitted for a project source (`generated/index.ts`). */
export function emittedModuleUrl(project: GeneratedProject, sourcePath: string): string {
  const js = sourcePath.replace(/\.ts$/, '.js');
  return pathToFileURL(join(project.root, DIST_DIR, js)).href;
}

/** Loads an emitted module; call `emitProject` first. The caller names the shape it relies on. */
export async function importEmitted<T>(project: GeneratedProject, sourcePath: string): Promise<T> {
  return (await import(emittedModuleUrl(project, sourcePath))) as T;
}

/** One diagnostic a line, for an assertion message or a report. */
export function formatDiagnostics(diagnostics: readonly CompileDiagnostic[]): string {
  return diagnostics.map((diagnostic) => diagnostic.text).join('\n');
}

function isRenderedFiles(input: ModelSet | readonly RenderedFile[]): input is readonly RenderedFile[] {
  return Array.isArray(input);
}

function createProgram(
  project: GeneratedProject,
  overrides: ts.CompilerOptions,
): { program: ts.Program; options: ts.CompilerOptions } {
  // The tsconfig on disk is the one source of settings, so a kept project reproduces with `tsc -p`.
  const parsed = ts.getParsedCommandLineOfConfigFile(join(project.root, 'tsconfig.json'), overrides, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic(diagnostic) {
      throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    },
  });
  if (parsed === undefined) throw new Error(`${project.root}/tsconfig.json could not be read`);
  if (parsed.errors.length > 0) {
    const messages = parsed.errors.map((diagnostic) => toCompileDiagnostic(project.root, diagnostic).text);
    throw new Error(`tsconfig.json is invalid:\n${messages.join('\n')}`);
  }
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return { program, options: parsed.options };
}

function toCompileDiagnostic(root: string, diagnostic: ts.Diagnostic): CompileDiagnostic {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const category = ts.DiagnosticCategory[diagnostic.category].toLowerCase() as CompileDiagnostic['category'];
  const prefix = `${category} TS${diagnostic.code}: ${message}`;
  if (diagnostic.file === undefined || diagnostic.start === undefined) {
    return { file: null, line: 0, column: 0, code: diagnostic.code, category, message, text: prefix };
  }
  const file = relative(root, diagnostic.file.fileName).split(sep).join('/');
  const position = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const line = position.line + 1;
  const column = position.character + 1;
  return { file, line, column, code: diagnostic.code, category, message, text: `${file}:${line}:${column} - ${prefix}` };
}
