import { performance } from 'node:perf_hooks';

import { mapSchema, resolveMapperConfig, type Diagnostic, type MapperConfigInput } from '@rr/mapper';
import { readTemplateOverrides, renderModelSet, type TemplateSource } from '@rr/renderer';
import { loadSchema, type LoadSchemaOptions, type SchemaSource } from '@rr/schema';
import { OutOfDateError, writeFiles, type WriteMode, type WriteReport } from '@rr/writer';

/** Everything one generation needs: where the schema comes from, how to map and render it, where to write. */
export interface GenerateOptions {
  readonly source: SchemaSource;
  readonly load?: LoadSchemaOptions;
  readonly mapper?: MapperConfigInput;
  readonly importExtensions?: boolean;
  /** A directory of template overrides, or null for rr's own templates. */
  readonly templatesDir?: string | null;
  readonly outputDir: string;
  readonly mode?: WriteMode;
  readonly force?: boolean;
}

export interface GenerateResult {
  readonly tables: number;
  readonly models: number;
  readonly relationships: number;
  readonly files: WriteReport;
  readonly diagnostics: readonly Diagnostic[];
  readonly warnings: readonly string[];
  readonly renders: number;
  readonly timingsMs: { readonly introspect: number; readonly map: number; readonly render: number; readonly write: number; readonly total: number };
}

/**
 * introspect → map → render → write. Each stage's input is the previous stage's output; the
 * configuration is checked before the database is touched, so bad input costs no connection.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const config = resolveMapperConfig(options.mapper ?? {});
  const templates: readonly TemplateSource[] = options.templatesDir == null ? [] : readTemplateOverrides(options.templatesDir);
  const clock = stopwatch();

  const loaded = await loadSchema(options.source, options.load);
  const introspect = clock();
  const modelSet = mapSchema(loaded.snapshot, config);
  const map = clock();
  const rendered = renderModelSet(modelSet, { importExtensions: options.importExtensions ?? true, templates });
  const render = clock();
  const files = await writeFiles(
    options.outputDir,
    rendered.files.map((file) => ({ path: file.path, contents: file.contents, generated: true })),
    { mode: options.mode ?? 'write', force: options.force ?? false },
  ).catch((error: unknown) => {
    // Out of date is an answer in check mode, not a failure of the run.
    if (error instanceof OutOfDateError) return error.report;
    throw error;
  });
  const write = clock();

  return {
    tables: loaded.snapshot.tables.length,
    models: modelSet.models.length,
    relationships: modelSet.stats.relationships,
    files,
    diagnostics: modelSet.diagnostics,
    warnings: loaded.warnings,
    renders: rendered.stats.renders,
    timingsMs: { introspect, map, render, write, total: round(performance.now() - started) },
  };
}

function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = round(now - last);
    last = now;
    return elapsed;
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
