/**
 * Inputs for the generated named queries: finders by primary key, by each unique column set, by
 * each belongs-to key, and by each polymorphic pair. Finder names (`byId`, `byUserIdAndSlug`)
 * are unique within the model; a belongs-to key that is also unique gets only the unique finder,
 * since it finds at most one row.
 */

import type { BelongsToFinder, KeyFinder, ModelQueryInputs, PolymorphicAssociation, PolymorphicFinder, Relationship } from '../model-set.js';
import { allocateNamesInOrder, type NameGrant, type NameRequest } from '../names/allocate-names.js';
import { upperFirst } from '../names/words.js';
import { columnSetKey } from '../order.js';
import { TextCache } from '../text-cache.js';
import type { TableDraft } from '../tables/table-draft.js';

/** Finder names of single columns (`byId`): most models ask for the same few. */
const singleColumnFinders = new TextCache<string>(10_000);
const singleColumnFinder = (column: string): string => `by${upperFirst(column)}`;

function finderName(columns: readonly string[]): string {
  if (columns.length === 1) return singleColumnFinders.get(columns[0] as string, singleColumnFinder);
  return `by${columns.map(upperFirst).join('And')}`;
}

export function queryInputs(
  table: TableDraft,
  /** The client names of the primary key's columns. */
  primaryColumns: readonly string[],
  clientName: (column: string) => string,
  relationships: readonly Relationship[],
  polymorphic: readonly PolymorphicAssociation[],
  /** ZQL cannot filter on JSON columns (arrays included), so no finder may use one. */
  filterable: (clientColumn: string) => boolean,
): ModelQueryInputs {
  const seen = new Set<string>([columnSetKey(primaryColumns)]);
  // Every finder competes for its name in one pool: primary key first, then unique keys,
  // belongs-to keys and polymorphic pairs. Grants come back in the order of the requests.
  const requests: NameRequest[] = [{ id: '0:primary', candidates: [finderName(primaryColumns)], priority: 0 }];
  const unique: { source: string; columns: string[] }[] = [];
  for (const key of table.uniqueKeys) {
    const columns = key.columns.map(clientName);
    const id = columnSetKey(columns);
    if (seen.has(id) || !columns.every(filterable)) continue;
    seen.add(id);
    unique.push({ source: key.name, columns });
    requests.push({ id: `1:${key.name}`, candidates: [finderName(columns)], priority: 1 });
  }
  const belongsTo: { relationship: Relationship; columns: readonly string[] }[] = [];
  for (const relationship of relationships) {
    if (relationship.kind !== 'belongs-to' || relationship.origin === 'polymorphic') continue;
    const columns = (relationship.hops[0] as Relationship['hops'][number]).sourceField;
    const id = columnSetKey(columns);
    if (seen.has(id)) continue;
    seen.add(id);
    belongsTo.push({ relationship, columns });
    requests.push({ id: `2:${relationship.name}`, candidates: [finderName(columns)], priority: 2 });
  }
  for (const pair of polymorphic) requests.push({ id: `3:${pair.name}`, candidates: [`by${upperFirst(pair.name)}`], priority: 3 });
  const grants = allocateNamesInOrder(requests);
  const nameAt = (index: number): string => (grants[index] as NameGrant).name;
  const firstBelongsTo = 1 + unique.length;
  const firstPolymorphic = firstBelongsTo + belongsTo.length;

  const primaryKey: KeyFinder = { source: table.primaryKey.name, columns: primaryColumns, finderName: nameAt(0) };
  const uniqueKeys: KeyFinder[] = unique.map((key, index) => ({ source: key.source, columns: key.columns, finderName: nameAt(1 + index) }));
  const belongsToFinders: BelongsToFinder[] = belongsTo.map((entry, index) => ({
    relationship: entry.relationship.name,
    columns: entry.columns,
    finderName: nameAt(firstBelongsTo + index),
    target: entry.relationship.target,
  }));
  const polymorphicFinders: PolymorphicFinder[] = polymorphic.map((pair, index) => ({
    association: pair.name,
    typeColumn: pair.typeColumn,
    idColumn: pair.idColumn,
    finderName: nameAt(firstPolymorphic + index),
    typeValues: pair.targets.map((target) => target.typeValue),
  }));
  return { primaryKey, uniqueKeys, belongsTo: belongsToFinders, polymorphic: polymorphicFinders };
}
