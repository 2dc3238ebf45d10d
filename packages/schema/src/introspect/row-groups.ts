/** Catalog rows gathered per relation (its oid, as text), in the order the rows came. */
export function groupByRelation<T extends { readonly relation: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.relation);
    if (group) group.push(row);
    else groups.set(row.relation, [row]);
  }
  return groups;
}

/**
 * Column rows per relation in table order (by attribute number). The columns query leaves the
 * order to us: a handful of columns per table sort for nothing here, while the server sorted
 * every row of the schema at once, on disk for large ones.
 */
export function columnsInTableOrder<T extends { readonly relation: string; readonly attnum: number }>(rows: readonly T[]): Map<string, T[]> {
  const groups = groupByRelation(rows);
  for (const group of groups.values()) group.sort((a, b) => Number(a.attnum) - Number(b.attnum));
  return groups;
}
