/**
 * Rails polymorphic associations: a text-typed `<name>_type` column next to a `<name>_id`
 * column that has no foreign key (a foreign key means the id points at one table, and an enum or
 * integer `_type` column is something else). Zero cannot express "one of several tables", so a
 * pair is recorded, and becomes typed relationships only for the targets configured in
 * `relationships.polymorphic["schema.table.<name>"]`; generated queries then filter on the type
 * column.
 */

import type { PolymorphicTargetConfig } from '../config.js';
import type { DiagnosticSink } from '../diagnostics.js';
import { splitWords, pascalFromWords } from '../names/words.js';
import { columnKey } from '../order.js';
import type { ModelIndex, ModelInfo } from './model-index.js';

export interface PolymorphicTargetLink {
  readonly target: string;
  readonly typeValue: string;
}

export interface PolymorphicPair {
  readonly holder: string;
  /** The `<name>` of the pair, e.g. `invoiceable`. */
  readonly name: string;
  readonly nameWords: readonly string[];
  readonly typeColumn: string;
  readonly idColumn: string;
  /** `schema.table.<name>`: the config key for its targets. */
  readonly configKey: string;
  readonly targets: readonly PolymorphicTargetLink[];
}

/** The Rails class name stored in type columns: PascalCase singular table name, no schema prefix. */
export function railsClassName(model: ModelInfo): string {
  return pascalFromWords(model.names.tableSingularWords);
}

function resolveTarget(
  wanted: PolymorphicTargetConfig,
  models: ModelIndex,
  byModelName: ReadonlyMap<string, ModelInfo>,
): ModelInfo | undefined {
  if (wanted.table !== null) return models.get(wanted.table);
  return byModelName.get(wanted.model as string);
}

export function detectPolymorphicPairs(
  holder: ModelInfo,
  models: ModelIndex,
  byModelName: ReadonlyMap<string, ModelInfo>,
  sink: DiagnosticSink,
  useConfigKey: (key: string) => readonly PolymorphicTargetConfig[] | undefined,
): PolymorphicPair[] {
  const table = holder.draft.table;
  const pairs: PolymorphicPair[] = [];
  let withForeignKey: Set<string> | null = null;
  for (const typeColumn of holder.draft.columns) {
    if (!typeColumn.declaredTextual || !typeColumn.column.name.endsWith('_type')) continue;
    const match = /^(.+)_type$/.exec(typeColumn.column.name);
    if (match === null) continue;
    const name = match[1] as string;
    const idColumn = holder.draft.columnsByName.get(`${name}_id`);
    if (idColumn === undefined || idColumn.column.type.arrayDimensions > 0) continue;
    withForeignKey ??= new Set(table.foreignKeys.flatMap((fk) => fk.columns));
    if (withForeignKey.has(idColumn.column.name)) continue;

    const configKey = columnKey(table.schema, table.name, name);
    const configured = useConfigKey(configKey) ?? [];
    const targets: PolymorphicTargetLink[] = [];
    for (const wanted of configured) {
      const target = resolveTarget(wanted, models, byModelName);
      const label = wanted.table ?? wanted.model;
      if (target === undefined) {
        sink.report('RR_POLYMORPHIC_TARGET_UNKNOWN', configKey, `polymorphic target ${label} of ${configKey} is not a model; it is skipped`);
        continue;
      }
      if (target.draft.primaryKey.columns.length !== 1) {
        sink.report('RR_POLYMORPHIC_TARGET_UNKNOWN', configKey, `polymorphic target ${target.key} of ${configKey} has a composite primary key, which a single ${name}_id cannot reference; it is skipped`);
        continue;
      }
      const typeValue = wanted.typeValue ?? railsClassName(target);
      if (targets.some((existing) => existing.typeValue === typeValue)) continue;
      targets.push({ target: target.key, typeValue });
    }
    const advice = configured.length === 0
      ? `; list its target models in relationships.polymorphic["${configKey}"] to get typed relationships`
      : ` with ${targets.length} configured target${targets.length === 1 ? '' : 's'}`;
    sink.report(
      'RR_POLYMORPHIC_ASSOCIATION',
      configKey,
      `${name}_type / ${name}_id of ${holder.key} form a polymorphic association${advice}`,
    );
    pairs.push({
      holder: holder.key,
      name,
      nameWords: splitWords(name),
      typeColumn: typeColumn.column.name,
      idColumn: idColumn.column.name,
      configKey,
      targets,
    });
  }
  return pairs;
}
