/**
 * Tracks which configuration entries matched something, so that a misspelt table, column or
 * relationship in config is reported instead of silently doing nothing.
 */

import type { Table } from '@rr/schema';
import type { ColumnOverride, MapperConfig, PolymorphicTargetConfig } from './config.js';
import type { DiagnosticSink } from './diagnostics.js';
import { columnKey, compareCodePoints, tableKey } from './order.js';

export class ConfigUsage {
  readonly #config: MapperConfig;
  // Maps, not the config's records: lookups happen once per column and relationship, and most
  // configs leave these empty.
  readonly #columns: ReadonlyMap<string, ColumnOverride>;
  readonly #names: ReadonlyMap<string, string>;
  readonly #polymorphicTargets: ReadonlyMap<string, readonly PolymorphicTargetConfig[]>;
  readonly #relationshipNames = new Set<string>();
  readonly #polymorphic = new Set<string>();

  constructor(config: MapperConfig) {
    this.#config = config;
    this.#columns = new Map(Object.entries(config.columns));
    this.#names = new Map(Object.entries(config.relationships.names));
    this.#polymorphicTargets = new Map(Object.entries(config.relationships.polymorphic));
  }

  get hasColumnOverrides(): boolean {
    return this.#columns.size > 0;
  }

  get hasRelationshipNames(): boolean {
    return this.#names.size > 0;
  }

  columnOverride(key: string): ColumnOverride | undefined {
    return this.#columns.size === 0 ? undefined : this.#columns.get(key);
  }

  relationshipName(key: string): string | undefined {
    const name = this.#names.get(key);
    if (name !== undefined) this.#relationshipNames.add(key);
    return name;
  }

  polymorphicTargets(key: string): readonly PolymorphicTargetConfig[] | undefined {
    if (this.#polymorphicTargets.size === 0) return undefined;
    const targets = this.#polymorphicTargets.get(key);
    if (targets !== undefined) this.#polymorphic.add(key);
    return targets;
  }

  /** Reports entries that name nothing in the snapshot (or, for relationships, nothing generated). */
  reportUnused(tables: readonly Table[], sink: DiagnosticSink): void {
    const configured = this.#columns.size + this.#names.size + this.#polymorphicTargets.size + Object.keys(this.#config.tables).length;
    if (configured === 0) return;
    const tableKeys = new Set<string>();
    const columnKeys = new Set<string>();
    for (const table of tables) {
      tableKeys.add(tableKey(table.schema, table.name));
      for (const column of table.columns) columnKeys.add(columnKey(table.schema, table.name, column.name));
    }
    const sorted = (record: Readonly<Record<string, unknown>>): string[] => Object.keys(record).sort(compareCodePoints);
    for (const key of sorted(this.#config.tables)) {
      if (!tableKeys.has(key)) sink.report('RR_OVERRIDE_UNUSED', key, `tables["${key}"] in config names no table of the snapshot`);
    }
    for (const key of sorted(this.#config.columns)) {
      if (!columnKeys.has(key)) sink.report('RR_OVERRIDE_UNUSED', key, `columns["${key}"] in config names no column of the snapshot`);
    }
    for (const key of sorted(this.#config.relationships.names)) {
      if (!this.#relationshipNames.has(key)) {
        sink.report('RR_OVERRIDE_UNUSED', key, `relationships.names["${key}"] in config matches no generated relationship name or foreign key of that model`);
      }
    }
    for (const key of sorted(this.#config.relationships.polymorphic)) {
      if (!this.#polymorphic.has(key)) {
        sink.report('RR_OVERRIDE_UNUSED', key, `relationships.polymorphic["${key}"] in config matches no <name>_type / <name>_id pair of a model`);
      }
    }
  }
}
