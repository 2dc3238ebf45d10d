/**
 * Which tables become models. Include/exclude globs match `schema.table`; a pattern with no dot
 * matches the bare table name in any schema. Framework tables, views and partitions are left
 * out with an informational diagnostic; tables excluded by the user's own globs are not
 * reported (the user asked for it).
 */

// The posix build: the default entry switches behaviour on Windows, and output must not depend
// on the machine.
import picomatch from 'picomatch/posix.js';
import type { Table, View } from '@rr/schema';
import type { MapperConfig } from '../config.js';
import type { DiagnosticSink } from '../diagnostics.js';
import { tableKey } from '../order.js';

/** Whether a table matches: `key` is `schema.table`, `name` the bare table name. */
type Matcher = (key: string, name: string) => boolean;

// Globs treat `/` as a path separator and `*` stops at line breaks; table names may hold both.
// Matching a stand-in character lets `*` cover any name, as a user of `*.*` expects.
const GLOB_UNSAFE = /[/\n\r\u2028\u2029]/g;
const globSafe = (text: string): string => text.replace(GLOB_UNSAFE, '\u241f');

const NOTHING: Matcher = () => false;

function compile(patterns: readonly string[]): Matcher {
  // The default exclude list is empty: no glob work per table then.
  if (patterns.length === 0) return NOTHING;
  const qualified = patterns.filter((pattern) => pattern.includes('.')).map((pattern) => picomatch(pattern, { dot: true }));
  const bare = patterns.filter((pattern) => !pattern.includes('.')).map((pattern) => picomatch(pattern, { dot: true }));
  return (key, name) => {
    if (qualified.length > 0) {
      const safeKey = globSafe(key);
      if (qualified.some((match) => match(safeKey))) return true;
    }
    if (bare.length === 0) return false;
    const safeName = globSafe(name);
    return bare.some((match) => match(safeName));
  };
}

export interface TableSelector {
  /** Whether the user's include/exclude lists select this table or view. */
  readonly selected: Matcher;
  readonly framework: Matcher;
}

export function tableSelector(config: MapperConfig): TableSelector {
  const include = compile(config.include);
  const exclude = compile(config.exclude);
  return {
    selected: (key, name) => include(key, name) && !exclude(key, name),
    framework: compile(config.frameworkTables),
  };
}

/** Tables in canonical order that are candidates for models (before primary-key checks). */
export function selectTables(
  tables: readonly Table[],
  views: readonly View[],
  config: MapperConfig,
  sink: DiagnosticSink,
): Table[] {
  const selector = tableSelector(config);
  const partitionOf = new Map<string, string>();
  for (const table of tables) {
    for (const partition of table.partitions) partitionOf.set(tableKey(partition.schema, partition.name), tableKey(table.schema, table.name));
  }

  const chosen: Table[] = [];
  const chosenKeys = new Set<string>();
  for (const table of tables) {
    const key = tableKey(table.schema, table.name);
    if (!selector.selected(key, table.name)) continue;
    if (partitionOf.has(key)) continue;
    if (!config.includeFrameworkTables && selector.framework(key, table.name)) {
      sink.report('RR_FRAMEWORK_TABLE', key, `${key} is a framework table and is left out; set includeFrameworkTables (or change frameworkTables) to keep it`);
      continue;
    }
    chosen.push(table);
    chosenKeys.add(key);
  }

  for (const [partition, parent] of partitionOf) {
    if (!chosenKeys.has(parent)) continue;
    sink.report('RR_PARTITION_SKIPPED', partition, `${partition} is a partition of ${parent}; the partitioned table ${parent} is the model`);
  }
  for (const view of views) {
    const key = tableKey(view.schema, view.name);
    if (!selector.selected(key, view.name)) continue;
    const what = view.kind === 'materialized' ? 'materialized view' : 'view';
    sink.report('RR_VIEW_SKIPPED', key, `${key} is a ${what}; Zero syncs only tables, so it has no model`);
  }
  return chosen;
}
