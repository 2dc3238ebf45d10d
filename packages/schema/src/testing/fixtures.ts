import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Column, SchemaSnapshot, Table, View } from '../snapshot/types.js';

/** The hand-written fixture that covers what the shared real-world schemas lack. */
export const KITCHEN_SINK_FILE = fileURLToPath(new URL('../fixtures/kitchen-sink.sql', import.meta.url));
export const kitchenSinkSql = (): string => readFileSync(KITCHEN_SINK_FILE, 'utf8');

/** The table `schema.name`; fails the test when it is not there. */
export function tableOf(snapshot: SchemaSnapshot, qualified: string): Table {
  const found = snapshot.tables.find((t) => `${t.schema}.${t.name}` === qualified);
  if (!found) throw new Error(`no table ${qualified} in the snapshot (tables: ${snapshot.tables.map((t) => `${t.schema}.${t.name}`).join(', ')})`);
  return found;
}

export function viewOf(snapshot: SchemaSnapshot, qualified: string): View {
  const found = snapshot.views.find((v) => `${v.schema}.${v.name}` === qualified);
  if (!found) throw new Error(`no view ${qualified} in the snapshot`);
  return found;
}

export function columnOf(relation: Table | View, name: string): Column {
  const found = relation.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name} in ${relation.schema}.${relation.name}`);
  return found;
}

/** Everything but `meta`, which says where a snapshot came from. */
export function content(snapshot: SchemaSnapshot): Omit<SchemaSnapshot, 'meta'> {
  const { meta: _meta, ...rest } = snapshot;
  return rest;
}
