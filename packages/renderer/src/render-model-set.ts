import type { ModelSet } from '@rr/mapper';

import { templateSet } from './templates/template-set.js';
import type { TemplateSource } from './templates/template-source.js';
import { modelView } from './views/model-view.js';
import { INDEX_FILE, MUTATORS_FILE, QUERIES_FILE, SCHEMA_FILE, SUPPORT_FILE, modelFile, recordFile, type ModulePaths } from './views/module-paths.js';
import { recordView } from './views/record-view.js';
import { indexView, registryView } from './views/registry-view.js';
import { schemaView } from './views/schema-view.js';

export interface RenderOptions {
  /** Add `.js` to relative imports between generated modules (default true: works under nodenext and bundlers). */
  readonly importExtensions?: boolean;
  /** A project's template overrides (see `readTemplateOverrides`). */
  readonly templates?: readonly TemplateSource[];
  /**
   * Which files to render: `shared` (schema, registries, support, index: they list every model),
   * `per-model` (each model's definitions and record: they depend on that model alone, so a
   * subset of the models can be rendered apart), or `all` (the default).
   */
  readonly parts?: 'all' | 'shared' | 'per-model';
}

/** One generated file: a path under the output directory and its text (the writer adds the signature header). */
export interface RenderedFile {
  readonly path: string;
  readonly contents: string;
}

export interface RenderResult {
  /** Sorted by path. */
  readonly files: readonly RenderedFile[];
  readonly stats: {
    /** Template invocations in this render: one per file. */
    readonly renders: number;
    /** Hash of the templates used, for caches keyed on the output. */
    readonly templatesHash: string;
  };
}

/** Prints a model set as TypeScript: schema, one model and one record module per table, registries, index. */
export function renderModelSet(modelSet: ModelSet, options: RenderOptions = {}): RenderResult {
  const templates = templateSet(options.templates);
  const paths: ModulePaths = { extension: options.importExtensions === false ? '' : '.js' };
  const before = templates.invocations();
  const files: RenderedFile[] = [];
  const render = (path: string, template: string, view: object): void => {
    files.push({ path, contents: templates.render(template, view) });
  };
  const parts = options.parts ?? 'all';
  if (parts !== 'per-model') {
    render(SCHEMA_FILE, 'schema', schemaView(modelSet, paths));
    render(QUERIES_FILE, 'queries', registryView(modelSet, 'Queries', paths));
    render(MUTATORS_FILE, 'mutators', registryView(modelSet, 'Mutators', paths));
    render(SUPPORT_FILE, 'support', {});
    render(INDEX_FILE, 'index', indexView(modelSet, paths));
  }
  if (parts !== 'shared') {
    for (const model of modelSet.models) {
      render(modelFile(model.fileName), 'model', modelView(model, paths));
      render(recordFile(model.fileName), 'record', recordView(model, paths));
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, stats: { renders: templates.invocations() - before, templatesHash: templates.hash } };
}
