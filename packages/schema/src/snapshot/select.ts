import { canonicalizeSnapshot } from './canonical.js';
import type { QualifiedName, SchemaSnapshot, TypeRef } from './types.js';

const keyOf = (q: QualifiedName) => `${q.schema}\u0000${q.name}`;

/**
 * The part of a snapshot that lies in the given schemas, the same part that introspecting
 * those schemas gives: their tables and views (with all their partitions), the user-defined
 * types that live in them, and the types their columns reach elsewhere (through arrays,
 * domain bases, composite attributes, range subtypes, and from a multirange to its range).
 */
export function selectSchemas(snapshot: SchemaSnapshot, schemas: readonly string[]): SchemaSnapshot {
  const keep = new Set(schemas);
  const inside = <T extends { readonly schema: string }>(list: readonly T[]) => list.filter((item) => keep.has(item.schema));
  const tables = inside(snapshot.tables);
  const views = inside(snapshot.views);

  const enums = new Map(snapshot.enums.map((t) => [keyOf(t), t]));
  const domains = new Map(snapshot.domains.map((t) => [keyOf(t), t]));
  const composites = new Map(snapshot.compositeTypes.map((t) => [keyOf(t), t]));
  const ranges = new Map(snapshot.ranges.map((t) => [keyOf(t), t]));
  const rangeOfMultirange = new Map(
    snapshot.ranges.filter((r) => r.multirange !== null).map((r) => [keyOf({ schema: r.schema, name: r.multirange! }), r]),
  );

  const reached = new Set<string>();
  const pending: QualifiedName[] = [];
  const reach = (q: QualifiedName) => {
    const key = keyOf(q);
    if (reached.has(key)) return;
    reached.add(key);
    pending.push(q);
  };
  const reachType = (t: TypeRef) => {
    if (t.kind === 'multirange') {
      const range = rangeOfMultirange.get(keyOf(t));
      if (range) reach(range);
    } else if (t.kind !== 'base' && t.kind !== 'pseudo') reach(t);
  };
  for (const list of [snapshot.enums, snapshot.domains, snapshot.compositeTypes, snapshot.ranges]) {
    for (const t of list) if (keep.has(t.schema)) reach(t);
  }
  for (const relation of [...tables, ...views]) for (const c of relation.columns) reachType(c.type);
  while (pending.length) {
    const key = keyOf(pending.pop()!);
    const domain = domains.get(key);
    if (domain) reachType(domain.baseType);
    const range = ranges.get(key);
    if (range) reachType(range.subtype);
    for (const attribute of composites.get(key)?.attributes ?? []) reachType(attribute.type);
  }
  const isReached = (t: QualifiedName) => reached.has(keyOf(t));

  return canonicalizeSnapshot({
    ...snapshot,
    schemas: snapshot.schemas.filter((s) => keep.has(s.name)),
    tables,
    views,
    enums: [...enums.values()].filter(isReached),
    domains: [...domains.values()].filter(isReached),
    compositeTypes: [...composites.values()].filter(isReached),
    ranges: [...ranges.values()].filter(isReached),
  });
}
