/**
 * Puts every unordered list of a snapshot in one defined order before any work starts, so that
 * nothing downstream can depend on the order the snapshot happened to list things in. Lists
 * whose order means something (key columns, enum labels) are left alone.
 */

import type { ForeignKey, SchemaSnapshot, Table, View } from '@rr/schema';
import { compareCodePoints, compareStringLists } from './order.js';

function byQualifiedName<T extends { readonly schema: string; readonly name: string }>(a: T, b: T): number {
  return compareCodePoints(a.schema, b.schema) || compareCodePoints(a.name, b.name);
}

function byName<T extends { readonly name: string }>(a: T, b: T): number {
  return compareCodePoints(a.name, b.name);
}

function byForeignKey(a: ForeignKey, b: ForeignKey): number {
  return (
    compareCodePoints(a.name, b.name) ||
    compareStringLists(a.columns, b.columns) ||
    compareCodePoints(a.references.schema, b.references.schema) ||
    compareCodePoints(a.references.name, b.references.name) ||
    compareStringLists(a.references.columns, b.references.columns)
  );
}

function canonicalTable(table: Table): Table {
  return {
    ...table,
    columns: [...table.columns].sort((a, b) => a.position - b.position || compareCodePoints(a.name, b.name)),
    uniqueConstraints: [...table.uniqueConstraints].sort((a, b) => byName(a, b) || compareStringLists(a.columns, b.columns)),
    foreignKeys: [...table.foreignKeys].sort(byForeignKey),
    checks: [...table.checks].sort((a, b) => byName(a, b) || compareCodePoints(a.expression, b.expression)),
    indexes: [...table.indexes].sort((a, b) => byName(a, b) || compareCodePoints(a.definition ?? '', b.definition ?? '') || compareStringLists(a.columns.map(String), b.columns.map(String))),
    partitions: [...table.partitions].sort(byQualifiedName),
  };
}

function canonicalView(view: View): View {
  return { ...view, columns: [...view.columns].sort((a, b) => a.position - b.position || compareCodePoints(a.name, b.name)) };
}

export type CanonicalSnapshot = Pick<SchemaSnapshot, 'tables' | 'views' | 'enums' | 'domains'>;

export function canonicalSnapshot(snapshot: SchemaSnapshot): CanonicalSnapshot {
  return {
    tables: snapshot.tables.map(canonicalTable).sort(byQualifiedName),
    views: snapshot.views.map(canonicalView).sort(byQualifiedName),
    enums: [...snapshot.enums].sort(byQualifiedName),
    domains: [...snapshot.domains].sort(byQualifiedName),
  };
}
