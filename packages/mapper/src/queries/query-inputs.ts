/**
 * Inputs for the generated named queries: finders by primary key, by each unique column set, by
 * each belongs-to key, and by each polymorphic pair. Finder names (`byId`, `byUserIdAndSlug`)
 * are unique within the model; a belongs-to key that is also unique gets only the unique finder,
 * since it finds at most one row.
 */

import type { BelongsToFinder, KeyFinder, ModelQueryInputs, PolymorphicAssociation, PolymorphicFinder, Relationship } from '../model-set.js';
import { allocateNames, type NameGrant } from '../names/allocate-names.js';
import { upperFirst } from '../names/words.js';
import { columnSetKey } from '../order.js';
import type { TableDraft } from '../tables/table-draft.js';

function finderName(columns: readonly string[]): string {
  return `by${columns.map(upperFirst).join('And')}`;
}

export function queryInputs(
  table: TableDraft,
  clientName: (column: string) => string,
  relationships: readonly Relationship[],
  polymorphic: readonly PolymorphicAssociation[],
  /** ZQL cannot filter on JSON columns (arrays included), so no finder may use one. */
  filterable: (clientColumn: string) => boolean,
): ModelQueryInputs {
  const primaryColumns = table.primaryKey.columns.map(clientName);
  const seen = new Set<string>([columnSetKey(primaryColumns)]);
  const unique: { source: string; columns: string[] }[] = [];
  for (const key of table.uniqueKeys) {
    const columns = key.columns.map(clientName);
    const id = columnSetKey(columns);
    if (seen.has(id) || !columns.every(filterable)) continue;
    seen.add(id);
    unique.push({ source: key.name, columns });
  }
  const belongsTo: { relationship: Relationship; columns: readonly string[] }[] = [];
  for (const relationship of relationships) {
    if (relationship.kind !== 'belongs-to' || relationship.origin === 'polymorphic') continue;
    const columns = (relationship.hops[0] as Relationship['hops'][number]).sourceField;
    const id = columnSetKey(columns);
    if (seen.has(id)) continue;
    seen.add(id);
    belongsTo.push({ relationship, columns });
  }

  // Every finder competes for its name in one pool: primary key first, then unique keys,
  // belongs-to keys and polymorphic pairs.
  const requests = [
    { id: `0:primary`, candidates: [finderName(primaryColumns)], priority: 0 },
    ...unique.map((key) => ({ id: `1:${key.source}`, candidates: [finderName(key.columns)], priority: 1 })),
    ...belongsTo.map((entry) => ({ id: `2:${entry.relationship.name}`, candidates: [finderName(entry.columns)], priority: 2 })),
    ...polymorphic.map((pair) => ({ id: `3:${pair.name}`, candidates: [`by${upperFirst(pair.name)}`], priority: 3 })),
  ];
  const grants = allocateNames(requests);
  const nameOf = (id: string): string => (grants.get(id) as NameGrant).name;

  const primaryKey: KeyFinder = { source: table.primaryKey.name, columns: primaryColumns, finderName: nameOf('0:primary') };
  const uniqueKeys: KeyFinder[] = unique.map((key) => ({ source: key.source, columns: key.columns, finderName: nameOf(`1:${key.source}`) }));
  const belongsToFinders: BelongsToFinder[] = belongsTo.map((entry) => ({
    relationship: entry.relationship.name,
    columns: entry.columns,
    finderName: nameOf(`2:${entry.relationship.name}`),
    target: entry.relationship.target,
  }));
  const polymorphicFinders: PolymorphicFinder[] = polymorphic.map((pair) => ({
    association: pair.name,
    typeColumn: pair.typeColumn,
    idColumn: pair.idColumn,
    finderName: nameOf(`3:${pair.name}`),
    typeValues: pair.targets.map((target) => target.typeValue),
  }));
  return { primaryKey, uniqueKeys, belongsTo: belongsToFinders, polymorphic: polymorphicFinders };
}
