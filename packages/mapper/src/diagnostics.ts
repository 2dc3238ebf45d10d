import type { Diagnostic, Severity } from './model-set.js';
import { compareCodePoints } from './order.js';

/**
 * Every code the mapper can emit, with its default severity. Codes are part of the public
 * contract (users silence them in config, CI greps them), so they are never renamed.
 */
export const DIAGNOSTIC_CODES = {
  RR_UNSUPPORTED_TYPE: { severity: 'warning', summary: 'a column of a type Zero does not sync is left out' },
  RR_GENERATED_COLUMN_OMITTED: { severity: 'warning', summary: 'a virtual generated column is left out (logical replication cannot carry it)' },
  RR_PRECISION_LOSS: { severity: 'warning', summary: 'an int8 or wide numeric column becomes a JS number and may lose precision' },
  RR_NO_PRIMARY_KEY: { severity: 'warning', summary: 'a table with no primary key and no non-null unique index is left out' },
  RR_UNSUPPORTED_PRIMARY_KEY: { severity: 'warning', summary: 'a table whose primary key has a column Zero cannot sync is left out' },
  RR_PRIMARY_KEY_FROM_UNIQUE_INDEX: { severity: 'info', summary: 'a non-null unique index stands in for a missing primary key' },
  RR_SERVER_GENERATED_KEY: { severity: 'info', summary: 'a serial/identity primary key makes optimistic inserts awkward' },
  RR_VIEW_SKIPPED: { severity: 'info', summary: 'views and materialized views are not synced by Zero' },
  RR_PARTITION_SKIPPED: { severity: 'info', summary: 'a partition is skipped; its partitioned parent is the model' },
  RR_FRAMEWORK_TABLE: { severity: 'info', summary: 'a framework table (schema_migrations, …) is left out' },
  RR_INVALID_NAME: { severity: 'warning', summary: 'a name that is not a valid Zero/TypeScript identifier got a safe name' },
  RR_RESERVED_NAME: { severity: 'warning', summary: 'a reserved word, or a type name the generated code uses, got a safe name' },
  RR_NAME_COLLISION: { severity: 'warning', summary: 'two tables, columns, enums or files would share a name; one was renamed' },
  RR_RELATIONSHIP_RENAMED: { severity: 'info', summary: 'a relationship name was taken (by a column or another relationship) and was renamed' },
  RR_RELATIONSHIP_TARGET_OMITTED: { severity: 'info', summary: 'a relationship to a table that is not a model is not generated' },
  RR_RELATIONSHIP_COLUMN_OMITTED: { severity: 'warning', summary: 'a relationship over a column that is left out is not generated' },
  RR_CONVENTION_RELATIONSHIP: { severity: 'info', summary: 'a belongs-to was inferred from a Rails-style <name>_id column' },
  RR_CONVENTION_TYPE_MISMATCH: { severity: 'info', summary: 'a <name>_id column was not inferred: its type does not match the target key' },
  RR_POLYMORPHIC_ASSOCIATION: { severity: 'info', summary: 'a Rails polymorphic <name>_type/<name>_id pair was detected' },
  RR_POLYMORPHIC_TARGET_UNKNOWN: { severity: 'warning', summary: 'a configured polymorphic target is not a model' },
  RR_TYPE_TAG_IGNORED: { severity: 'warning', summary: 'an @type comment tag on a non-JSON column is ignored' },
  RR_TYPE_TAG_INVALID: { severity: 'warning', summary: 'an @type comment tag could not be read' },
  RR_OVERRIDE_IGNORED: { severity: 'warning', summary: 'an override cannot apply to the column it names' },
  RR_OVERRIDE_UNUSED: { severity: 'warning', summary: 'a configuration entry names a table, column or relationship that does not exist' },
  RR_BEHAVIOUR_COLUMN_IGNORED: { severity: 'info', summary: 'a timestamp or soft-delete column has the wrong type or nullability' },
} as const satisfies Record<string, { readonly severity: Severity; readonly summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, code);
}

export type SeverityOverrides = ReadonlyMap<DiagnosticCode, Severity | 'off'>;

/** Collects diagnostics during one mapping run and applies the configured severities. */
export class DiagnosticSink {
  readonly #items: Diagnostic[] = [];
  readonly #overrides: SeverityOverrides;

  constructor(overrides: SeverityOverrides) {
    this.#overrides = overrides;
  }

  report(code: DiagnosticCode, where: string, message: string): void {
    const severity = this.#overrides.get(code) ?? DIAGNOSTIC_CODES[code].severity;
    if (severity === 'off') return;
    this.#items.push({ severity, code, where, message });
  }

  /** Sorted by where, code, message, so the order never depends on the order of the work. */
  sorted(): readonly Diagnostic[] {
    return [...this.#items].sort(
      (a, b) =>
        compareCodePoints(a.where, b.where) ||
        compareCodePoints(a.code, b.code) ||
        compareCodePoints(a.message, b.message),
    );
  }
}
