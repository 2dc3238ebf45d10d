/**
 * What relationship building needs to know about each kept model, indexed by key so every
 * lookup is a Map access (relationship building stays linear in the size of the schema).
 */

import type { ModelNames } from '../names/model-names.js';
import type { TableDraft } from '../tables/table-draft.js';

export interface ModelInfo {
  readonly key: string;
  readonly draft: TableDraft;
  readonly names: ModelNames;
  /** Database column name → client name, for synced columns. */
  readonly clientNames: ReadonlyMap<string, string>;
  /** The client names themselves: a relationship must not take one. */
  readonly columnNames: ReadonlySet<string>;
}

export type ModelIndex = ReadonlyMap<string, ModelInfo>;

/** Client names of database columns that are known to be synced. */
export function clientColumns(model: ModelInfo, columns: readonly string[]): string[] {
  return columns.map((column) => model.clientNames.get(column) as string);
}

export function allSynced(model: ModelInfo, columns: readonly string[]): boolean {
  return columns.every((column) => model.clientNames.has(column));
}
