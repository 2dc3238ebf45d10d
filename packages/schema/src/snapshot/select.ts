import { canonicalizeSnapshot } from './canonical.js';
import type { SchemaSnapshot } from './types.js';

/** The part of a snapshot that lies in the given schemas (types reached from them stay). */
export function selectSchemas(snapshot: SchemaSnapshot, schemas: readonly string[]): SchemaSnapshot {
  const keep = new Set(schemas);
  const inside = <T extends { readonly schema: string }>(list: readonly T[]) => list.filter((item) => keep.has(item.schema));
  return canonicalizeSnapshot({
    ...snapshot,
    schemas: snapshot.schemas.filter((s) => keep.has(s.name)),
    tables: inside(snapshot.tables),
    views: inside(snapshot.views),
  });
}
