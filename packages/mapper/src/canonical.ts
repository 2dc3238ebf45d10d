/**
 * Puts every unordered list of a snapshot in one defined order before any work starts, so that
 * nothing downstream can depend on the order the snapshot happened to list things in. Lists
 * whose order means something (key columns, enum labels) are left alone.
 */

import type { CheckConstraint, Column, ForeignKey, Index, KeyConstraint, SchemaSnapshot, Table, View } from '@rr/schema';
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

/**
 * `items` when it is already in order, else a sorted copy. Snapshots from `@rr/schema` are
 * written in canonical order, so the check almost always passes and nothing is copied; a stable
 * sort would leave an ordered list as it is, so the result is the same either way.
 */
function inOrder<T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) return [...items].sort(compare);
  }
  return items;
}

function byPosition(a: Column, b: Column): number {
  return a.position - b.position || compareCodePoints(a.name, b.name);
}

function byUniqueConstraint(a: KeyConstraint, b: KeyConstraint): number {
  return byName(a, b) || compareStringLists(a.columns, b.columns);
}

function byCheck(a: CheckConstraint, b: CheckConstraint): number {
  return byName(a, b) || compareCodePoints(a.expression, b.expression);
}

function byIndex(a: Index, b: Index): number {
  return byName(a, b) || compareCodePoints(a.definition ?? '', b.definition ?? '') || compareStringLists(a.columns.map(String), b.columns.map(String));
}

/** The table itself when every list is already in order. */
function canonicalTable(table: Table): Table {
  const columns = inOrder(table.columns, byPosition);
  const uniqueConstraints = inOrder(table.uniqueConstraints, byUniqueConstraint);
  const foreignKeys = inOrder(table.foreignKeys, byForeignKey);
  const checks = inOrder(table.checks, byCheck);
  const indexes = inOrder(table.indexes, byIndex);
  const partitions = inOrder(table.partitions, byQualifiedName);
  if (
    columns === table.columns &&
    uniqueConstraints === table.uniqueConstraints &&
    foreignKeys === table.foreignKeys &&
    checks === table.checks &&
    indexes === table.indexes &&
    partitions === table.partitions
  ) {
    return table;
  }
  return { ...table, columns, uniqueConstraints, foreignKeys, checks, indexes, partitions };
}

function canonicalView(view: View): View {
  const columns = inOrder(view.columns, byPosition);
  return columns === view.columns ? view : { ...view, columns };
}

export type CanonicalSnapshot = Pick<SchemaSnapshot, 'tables' | 'views' | 'enums' | 'domains'>;

export function canonicalSnapshot(snapshot: SchemaSnapshot): CanonicalSnapshot {
  return {
    tables: inOrder(snapshot.tables.map(canonicalTable), byQualifiedName),
    views: inOrder(snapshot.views.map(canonicalView), byQualifiedName),
    enums: inOrder(snapshot.enums, byQualifiedName),
    domains: inOrder(snapshot.domains, byQualifiedName),
  };
}
