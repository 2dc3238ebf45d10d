/**
 * Client column names: camelCase with `.from()` (or the database names, with
 * `names.keepDatabaseNames`), made safe, and unique within the table. When two columns want
 * the same name (`user_id` and `userId`), the one already spelled that way keeps it and the
 * other falls back to its database name, then to a numbered name.
 */

import type { DiagnosticSink } from '../diagnostics.js';
import { allocateNames, type NameGrant } from './allocate-names.js';
import { reportCollision, reportUnsafe } from './model-names.js';
import { safeIdentifier } from './safe-name.js';
import { camelCase } from './words.js';

export interface ColumnToName {
  readonly name: string;
  /** `schema.table.column`, for diagnostics. */
  readonly key: string;
  readonly position: number;
  /** A name from config, used as is. */
  readonly override: string | null;
}

/** Database column name → client name. */
export function allocateColumnNames(
  columns: readonly ColumnToName[],
  keepDatabaseNames: boolean,
  sink: DiagnosticSink,
): Map<string, string> {
  const requests = columns.map((column) => {
    if (column.override !== null) return { id: column.name, candidates: [column.override], priority: 0 };
    const natural = keepDatabaseNames ? column.name : camelCase(column.name);
    const safe = safeIdentifier(natural, `column${column.position}`);
    reportUnsafe(sink, column.key, 'column name', natural, safe);
    const database = safeIdentifier(column.name, `column${column.position}`).name;
    return { id: column.name, candidates: [safe.name, database], priority: safe.name === column.name ? 1 : 2 };
  });
  const grants = allocateNames(requests);
  const names = new Map<string, string>();
  for (const column of columns) {
    const grant = grants.get(column.name) as NameGrant;
    reportCollision(sink, column.key, 'column name', grant);
    names.set(column.name, grant.name);
  }
  return names;
}
