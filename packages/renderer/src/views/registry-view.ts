import type { ModelSet } from '@rr/mapper';

import { INDENT, identifierProperty } from '../syntax/layout.js';
import { stringLiteral } from '../syntax/literals.js';
import { importStatement } from './imports.js';
import { INDEX_FILE, MUTATORS_FILE, QUERIES_FILE, SCHEMA_FILE, modelFile, recordFile, specifier, type ModulePaths } from './module-paths.js';
import { modelVariable } from './model-view.js';

/** What `queries.hbs` and `mutators.hbs` print: one entry per model. */
export interface RegistryView {
  readonly imports: readonly string[];
  readonly entries: readonly string[];
}

export function registryView(modelSet: ModelSet, kind: 'Queries' | 'Mutators', paths: ModulePaths): RegistryView {
  const file = kind === 'Queries' ? QUERIES_FILE : MUTATORS_FILE;
  return {
    imports: modelSet.models.map((model) => importStatement([modelVariable(model, kind)], specifier(file, modelFile(model.fileName), paths))),
    entries: modelSet.models.map((model) => identifierProperty(INDENT, model.zeroName, modelVariable(model, kind))),
  };
}

/** What `index.hbs` prints: everything a project imports from the generated directory. */
export function indexView(modelSet: ModelSet, paths: ModulePaths): { readonly exports: readonly string[] } {
  const from = (to: string): string => specifier(INDEX_FILE, to, paths);
  return {
    exports: [
      `export * from ${stringLiteral(from(SCHEMA_FILE))};`,
      `export { queries } from ${stringLiteral(from(QUERIES_FILE))};`,
      `export { mutators } from ${stringLiteral(from(MUTATORS_FILE))};`,
      ...modelSet.models.flatMap((model) => [
        `export * from ${stringLiteral(from(modelFile(model.fileName)))};`,
        `export * from ${stringLiteral(from(recordFile(model.fileName)))};`,
      ]),
    ],
  };
}
