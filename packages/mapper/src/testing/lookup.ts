/** Test support: find things in a ModelSet by database name, failing loudly when absent. */

import type { Model, ModelColumn, ModelSet, Relationship } from '../model-set.js';

export function model(set: ModelSet, key: string): Model {
  const found = set.models.find((item) => item.key === key);
  if (found === undefined) throw new Error(`no model ${key}; models: ${set.models.map((item) => item.key).join(', ')}`);
  return found;
}

export function column(item: Model, serverName: string): ModelColumn {
  const found = item.columns.find((entry) => entry.serverName === serverName);
  if (found === undefined) throw new Error(`no column ${serverName} in ${item.key}`);
  return found;
}

export function relationship(item: Model, name: string): Relationship {
  const found = item.relationships.find((entry) => entry.name === name);
  if (found === undefined) {
    throw new Error(`no relationship ${name} in ${item.key}; has: ${item.relationships.map((entry) => entry.name).join(', ')}`);
  }
  return found;
}

export function codes(set: ModelSet): string[] {
  return set.diagnostics.map((item) => item.code);
}

export function diagnosticsWith(set: ModelSet, code: string): ModelSet['diagnostics'] {
  return set.diagnostics.filter((item) => item.code === code);
}
