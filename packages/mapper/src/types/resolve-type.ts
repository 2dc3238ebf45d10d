/**
 * Resolution of a Postgres type (the element type, for arrays) to a Zero type family.
 *
 * Schemas reuse a handful of types across thousands of columns, so the result is memoised per
 * type; the cache counters are part of the mapper's stats (tests and benchmarks read them).
 * Everything column-specific (arrays, column overrides, comment tags, CHECK unions, lengths)
 * is applied afterwards by `resolveColumnType`.
 */

import type { TypeRef } from '@rr/schema';
import type { TypeOverride } from '../config.js';
import type { TypeImport, ZeroBuilder } from '../model-set.js';
import { builtinType, unsupportedReason, type BuiltinType } from './postgres-types.js';

export type FamilySource = 'builtin' | 'enum' | 'type-override';

export interface SupportedFamily {
  readonly supported: true;
  readonly builder: ZeroBuilder;
  /** The TS type, or null for an enum (named later, once every name is allocated). */
  readonly tsType: string | null;
  /** Whether the builder call spells the type argument; a plain JSON column is just `json()`. */
  readonly explicitTypeArgument: boolean;
  readonly enumKey: string | null;
  readonly imports: readonly TypeImport[];
  readonly source: FamilySource;
  readonly builtin: BuiltinType | null;
}

export interface UnsupportedFamily {
  readonly supported: false;
  readonly reason: string;
}

export type TypeFamily = SupportedFamily | UnsupportedFamily;

export interface TypeResolverOptions {
  /** Keys of the enums in the snapshot (`schema.name`). */
  readonly enumKeys: ReadonlySet<string>;
  /** `schema.type` or bare type name → override. */
  readonly typeOverrides: Readonly<Record<string, TypeOverride>>;
  readonly json: { readonly tsType: string; readonly import: TypeImport | null };
}

const KIND_REASONS: Readonly<Record<string, string>> = {
  domain: "zero-cache does not sync domain types (it keys on the domain's own name)",
  composite: 'Zero does not sync composite types',
  range: 'Zero does not sync range types',
  multirange: 'Zero does not sync multirange types',
  pseudo: 'a pseudo-type cannot be synced',
};

export function defaultTsType(builder: ZeroBuilder, json: TypeResolverOptions['json']): string {
  return builder === 'json' ? json.tsType : builder === 'enumeration' ? 'string' : builder;
}

export class TypeResolver {
  readonly #options: TypeResolverOptions;
  /** By type name, then schema, then kind: nested maps on the snapshot's own strings, since a joined key would be a new string to hash for every column. */
  readonly #cache = new Map<string, Map<string, Map<string, TypeFamily>>>();
  #hits = 0;
  #misses = 0;

  constructor(options: TypeResolverOptions) {
    this.#options = options;
  }

  get stats(): { readonly hits: number; readonly misses: number } {
    return { hits: this.#hits, misses: this.#misses };
  }

  resolve(type: Pick<TypeRef, 'schema' | 'name' | 'kind'>): TypeFamily {
    let bySchema = this.#cache.get(type.name);
    if (bySchema === undefined) {
      bySchema = new Map();
      this.#cache.set(type.name, bySchema);
    }
    let byKind = bySchema.get(type.schema);
    if (byKind === undefined) {
      byKind = new Map();
      bySchema.set(type.schema, byKind);
    }
    const cached = byKind.get(type.kind);
    if (cached !== undefined) {
      this.#hits++;
      return cached;
    }
    this.#misses++;
    const family = this.#resolveUncached(type);
    byKind.set(type.kind, family);
    return family;
  }

  #resolveUncached(type: Pick<TypeRef, 'schema' | 'name' | 'kind'>): TypeFamily {
    const qualified = `${type.schema}.${type.name}`;
    const override = this.#options.typeOverrides[qualified] ?? this.#options.typeOverrides[type.name];
    if (override !== undefined && override.zero !== null) {
      const tsType = override.tsType ?? defaultTsType(override.zero, this.#options.json);
      return {
        supported: true,
        builder: override.zero,
        tsType,
        explicitTypeArgument: override.tsType !== null,
        enumKey: null,
        imports: override.import !== null ? [override.import] : override.tsType === null ? this.#jsonImports(override.zero) : [],
        source: 'type-override',
        builtin: null,
      };
    }
    if (type.kind === 'enum') {
      if (!this.#options.enumKeys.has(qualified)) return { supported: false, reason: `enum ${qualified} is not in the snapshot` };
      return { supported: true, builder: 'enumeration', tsType: null, explicitTypeArgument: true, enumKey: qualified, imports: [], source: 'enum', builtin: null };
    }
    if (type.kind === 'base') {
      const builtin = builtinType(type.schema, type.name);
      if (builtin === null) return { supported: false, reason: unsupportedReason(type.name) };
      const isJson = builtin.builder === 'json';
      return {
        supported: true,
        builder: builtin.builder,
        tsType: isJson ? this.#options.json.tsType : builtin.tsType,
        explicitTypeArgument: false,
        enumKey: null,
        imports: isJson ? this.#jsonImports('json') : [],
        source: 'builtin',
        builtin,
      };
    }
    return { supported: false, reason: KIND_REASONS[type.kind] ?? `Zero does not sync ${type.kind} types` };
  }

  #jsonImports(builder: ZeroBuilder): readonly TypeImport[] {
    return builder === 'json' && this.#options.json.import !== null ? [this.#options.json.import] : [];
  }
}
