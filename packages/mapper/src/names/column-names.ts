/**
 * Client column names: camelCase with `.from()` (or the database names, with
 * `names.keepDatabaseNames`), made safe, and unique within the table. When two columns want
 * the same name (`user_id` and `userId`), the one already spelled that way keeps it and the
 * other falls back to its database name, then to a numbered name.
 */

import type { DiagnosticSink } from '../diagnostics.js';
import { allocateNamesInOrder, type NameGrant, type NameRequest } from './allocate-names.js';
import { reportCollision, reportUnsafe } from './model-names.js';
import { isSafeIdentifier, safeIdentifier } from './safe-name.js';
import { camelCase } from './words.js';

/** A column draft has this shape, so drafts are passed as they are. */
export interface ColumnToName {
  readonly column: { readonly name: string; readonly position: number };
  /** `schema.table.column`, for diagnostics. */
  readonly key: string;
  /** A name from config, used as is. */
  readonly override: { readonly name: string | null } | undefined;
}

/** The name a column asks for first: the configured one, else its natural name made safe (reported when it had to change). */
function firstChoice(column: ColumnToName, keepDatabaseNames: boolean, sink: DiagnosticSink): string {
  const override = column.override?.name ?? null;
  if (override !== null) return override;
  const name = column.column.name;
  const natural = keepDatabaseNames ? name : camelCase(name);
  if (isSafeIdentifier(natural)) return natural;
  const safe = safeIdentifier(natural, `column${column.column.position}`);
  reportUnsafe(sink, column.key, 'column name', natural, safe);
  return safe.name;
}

export interface ClientNames {
  /** Database column name → client name. */
  readonly byColumn: ReadonlyMap<string, string>;
  /** Every client name of the table. */
  readonly names: ReadonlySet<string>;
}

/** Client names of a table's columns. */
export function allocateColumnNames(
  columns: readonly ColumnToName[],
  keepDatabaseNames: boolean,
  sink: DiagnosticSink,
): ClientNames {
  const byColumn = new Map<string, string>();
  const firstChoices: string[] = [];
  const taken = new Set<string>();
  let clash = false;
  for (const column of columns) {
    const name = firstChoice(column, keepDatabaseNames, sink);
    if (taken.has(name)) clash = true;
    taken.add(name);
    firstChoices.push(name);
    byColumn.set(column.column.name, name);
  }
  // Almost every table: all first choices differ, and each column simply gets its own.
  if (!clash) return { byColumn, names: taken };

  const requests: NameRequest[] = columns.map((column, index) => {
    const name = column.column.name;
    const first = firstChoices[index] as string;
    if ((column.override?.name ?? null) !== null) return { id: name, candidates: [first], priority: 0 };
    const database = safeIdentifier(name, `column${column.column.position}`).name;
    return { id: name, candidates: [first, database], priority: first === name ? 1 : 2 };
  });
  const grants = allocateNamesInOrder(requests);
  const names = new Set<string>();
  columns.forEach((column, index) => {
    const grant = grants[index] as NameGrant;
    reportCollision(sink, column.key, 'column name', grant);
    byColumn.set(column.column.name, grant.name);
    names.add(grant.name);
  });
  return { byColumn, names };
}
