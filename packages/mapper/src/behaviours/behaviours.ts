/**
 * Behaviours the generated mutators implement: timestamps (`created_at` / `updated_at`, names
 * configurable) and soft delete (`discarded_at` for discard, `deleted_at` for paranoia, giving
 * kept/discarded scopes and discard/undiscard). A configured column only counts when Zero
 * carries it as a number (epoch ms); a soft-delete column must also be nullable, since NULL is
 * what "kept" means.
 */

import type { MapperConfig } from '../config.js';
import type { DiagnosticSink } from '../diagnostics.js';
import type { ModelBehaviours } from '../model-set.js';
import type { ColumnDraft, TableDraft } from '../tables/table-draft.js';

function isNumberColumn(draft: ColumnDraft): boolean {
  return draft.type.builder === 'number' && draft.type.arrayDimensions === 0;
}

function findColumn(
  table: TableDraft,
  names: readonly string[],
  accept: (draft: ColumnDraft) => string | null,
  what: string,
  sink: DiagnosticSink,
): ColumnDraft | null {
  for (const name of names) {
    const draft = table.columnsByName.get(name);
    if (draft === undefined) continue;
    const problem = accept(draft);
    if (problem === null) return draft;
    sink.report('RR_BEHAVIOUR_COLUMN_IGNORED', draft.key, `${draft.key} is not used as ${what}: ${problem}`);
  }
  return null;
}

const timestampProblem = (draft: ColumnDraft): string | null =>
  isNumberColumn(draft) ? null : `it is ${draft.column.type.sql}, not a date/time or number column`;

const softDeleteProblem = (draft: ColumnDraft): string | null => {
  if (!isNumberColumn(draft)) return `it is ${draft.column.type.sql}, not a date/time or number column`;
  return draft.column.nullable ? null : 'it is NOT NULL, so no row could be kept';
};

export function detectBehaviours(
  table: TableDraft,
  clientName: (column: string) => string,
  config: MapperConfig,
  sink: DiagnosticSink,
): ModelBehaviours {
  const createdAt = findColumn(table, config.timestamps.createdAt, timestampProblem, 'the creation timestamp', sink);
  const updatedAt = findColumn(table, config.timestamps.updatedAt, timestampProblem, 'the update timestamp', sink);
  const discard = findColumn(table, config.softDelete.discard, softDeleteProblem, 'the discard column', sink);
  const paranoia = discard === null ? findColumn(table, config.softDelete.paranoia, softDeleteProblem, 'the soft-delete column', sink) : null;
  const softDelete = discard !== null
    ? { column: clientName(discard.column.name), style: 'discard' as const }
    : paranoia !== null
      ? { column: clientName(paranoia.column.name), style: 'paranoia' as const }
      : null;
  return {
    timestamps: {
      createdAt: createdAt === null ? null : clientName(createdAt.column.name),
      updatedAt: updatedAt === null ? null : clientName(updatedAt.column.name),
    },
    softDelete,
  };
}
