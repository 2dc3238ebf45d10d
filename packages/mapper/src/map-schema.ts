/**
 * The mapper stage: a SchemaSnapshot and configuration in, a ModelSet out.
 *
 * Pure and deterministic: no I/O, no clock, no randomness; the snapshot is put in canonical
 * order first and every later step works from Maps keyed by name, so the output (down to its
 * JSON bytes) does not depend on the order of the input lists, and the work is linear in the
 * size of the schema.
 *
 * Order of work: select tables → resolve column types and primary keys (drop what Zero cannot
 * sync) → allocate table, model, file and enum names → column names → relationships →
 * behaviours and query inputs.
 */

import type { SchemaSnapshot } from '@rr/schema';
import { canonicalSnapshot } from './canonical.js';
import { finishColumn, FinishMemo } from './columns/finish-column.js';
import { resolveMapperConfig, type MapperConfig, type MapperConfigInput } from './config.js';
import { ConfigUsage } from './config-usage.js';
import { DiagnosticSink, isDiagnosticCode, type DiagnosticCode } from './diagnostics.js';
import type { EnumUnion, Model, ModelColumn, ModelSet, Severity, TypeImport } from './model-set.js';
import { allocateColumnNames } from './names/column-names.js';
import { allocateEnumNames } from './names/enum-names.js';
import { Inflector } from './names/inflect.js';
import { allocateModelNames } from './names/model-names.js';
import { compareCodePoints, tableKey } from './order.js';
import { queryInputs } from './queries/query-inputs.js';
import { buildRelationships } from './relationships/build-relationships.js';
import type { ModelInfo } from './relationships/model-index.js';
import { detectBehaviours } from './behaviours/behaviours.js';
import { selectTables } from './selection/select-tables.js';
import { draftTable, type TableDraft } from './tables/table-draft.js';
import { ColumnTypeCache } from './types/column-type.js';
import { TypeResolver } from './types/resolve-type.js';
import { tsUnion } from './types/ts-syntax.js';

function importKey(item: TypeImport): string {
  return `${item.from}\u0000${item.name}`;
}

/**
 * The distinct imports of `items`, sorted. Most models import nothing or one shared type
 * (the JSON value type), so those cases build no map and sort nothing.
 */
function sortedImports(items: readonly { readonly imports: readonly TypeImport[] }[]): TypeImport[] {
  let first: TypeImport | undefined;
  let unique: Map<string, TypeImport> | undefined;
  for (const holder of items) {
    for (const item of holder.imports) {
      if (first === undefined) {
        first = item;
        continue;
      }
      if (unique === undefined) {
        if (item.from === first.from && item.name === first.name) continue;
        unique = new Map([[importKey(first), first]]);
      }
      unique.set(importKey(item), item);
    }
  }
  if (first === undefined) return [];
  if (unique === undefined) return [first];
  return [...unique.values()].sort((a, b) => compareCodePoints(a.from, b.from) || compareCodePoints(a.name, b.name));
}

function severityOverrides(config: MapperConfig): Map<DiagnosticCode, Severity | 'off'> {
  const overrides = new Map<DiagnosticCode, Severity | 'off'>();
  for (const [code, severity] of Object.entries(config.diagnostics)) {
    if (isDiagnosticCode(code)) overrides.set(code, severity);
  }
  return overrides;
}

/** Maps a snapshot to the model set. Throws `MapperConfigError` for an invalid configuration. */
export function mapSchema(snapshot: SchemaSnapshot, configInput: MapperConfigInput | MapperConfig = {}): ModelSet {
  const config = resolveMapperConfig(configInput);
  const sink = new DiagnosticSink(severityOverrides(config));
  const usage = new ConfigUsage(config);
  const inflector = new Inflector(config.names.inflections);
  const canonical = canonicalSnapshot(snapshot);

  const enumsByKey = new Map(canonical.enums.map((item) => [tableKey(item.schema, item.name), item]));
  const resolver = new TypeResolver({ enumKeys: new Set(enumsByKey.keys()), typeOverrides: config.types, json: config.json });

  const selected = selectTables(canonical.tables, canonical.views, config, sink);
  const drafts: TableDraft[] = [];
  const draftContext = {
    config,
    resolver,
    typeCache: new ColumnTypeCache(),
    sink,
    hasColumnOverrides: usage.hasColumnOverrides,
    useColumnOverride: (key: string) => usage.columnOverride(key),
  };
  for (const table of selected) {
    const draft = draftTable(table, draftContext);
    if (draft !== null) drafts.push(draft);
  }

  const modelNames = allocateModelNames(
    drafts.map((draft) => ({ key: draft.key, schema: draft.table.schema, table: draft.table.name })),
    config,
    inflector,
    sink,
  );

  const usedEnums = new Map<string, string[]>();
  for (const draft of drafts) {
    for (const column of draft.columns) {
      if (!('enumKey' in column.type.element)) continue;
      const users = usedEnums.get(column.type.element.enumKey);
      if (users === undefined) usedEnums.set(column.type.element.enumKey, [column.key]);
      else users.push(column.key);
    }
  }
  const enumKeys = [...usedEnums.keys()].sort(compareCodePoints);
  // Enums are few and models many: ask whether a name is a model's (or one of its type names)
  // rather than listing four names per model.
  const modelNameSet = new Set<string>();
  for (const names of modelNames.values()) modelNameSet.add(names.modelName);
  const isTypeName = (name: string): boolean =>
    modelNameSet.has(name) ||
    (name.endsWith('Row') && modelNameSet.has(name.slice(0, -3))) ||
    (name.endsWith('Insert') && modelNameSet.has(name.slice(0, -6))) ||
    (name.endsWith('Update') && modelNameSet.has(name.slice(0, -6)));
  const enumNames = allocateEnumNames(
    enumKeys.map((key) => {
      const item = enumsByKey.get(key) as (typeof canonical.enums)[number];
      return { key, schema: item.schema, name: item.name };
    }),
    isTypeName,
    config,
    sink,
  );

  const models = new Map<string, ModelInfo>();
  // In the order of `drafts`, for the passes below that walk the drafts anyway.
  const infos: ModelInfo[] = [];
  for (const draft of drafts) {
    const clientNames = allocateColumnNames(draft.columns, config.names.keepDatabaseNames, sink);
    const info: ModelInfo = {
      key: draft.key,
      draft,
      names: modelNames.get(draft.key) as ModelInfo['names'],
      clientNames: clientNames.byColumn,
      columnNames: clientNames.names,
    };
    models.set(draft.key, info);
    infos.push(info);
  }

  const { relationships, polymorphic } = buildRelationships({
    models,
    config,
    inflector,
    sink,
    useRelationshipName: (key) => usage.relationshipName(key),
    usePolymorphicTargets: (key) => usage.polymorphicTargets(key),
  });

  const finishContext = {
    enumName: (key: string) => enumNames.get(key) as string,
    enumLabels: (key: string) => enumsByKey.get(key)?.labels ?? [],
    insertDefaults: config.insertDefaults,
    memo: new FinishMemo(),
  };

  const output: Model[] = [];
  for (const info of infos) {
    const draft = info.draft;
    const clientName = (column: string): string => info.clientNames.get(column) as string;
    const behaviours = detectBehaviours(draft, clientName, config, sink);
    const { createdAt, updatedAt } = behaviours.timestamps;
    const primary = draft.primaryKey.columns;
    let serverKeys: ModelColumn[] | null = null;
    const columns: ModelColumn[] = [];
    for (const column of draft.columns) {
      const name = clientName(column.column.name);
      const finished = finishColumn(column, name, primary.includes(column.column.name), name === createdAt || name === updatedAt, finishContext);
      columns.push(finished);
      if (finished.primaryKey && (finished.default?.kind === 'sequence' || finished.default?.kind === 'identity')) (serverKeys ??= []).push(finished);
      if (!finished.precisionLoss) continue;
      const where = `${draft.key}.${finished.serverName}`;
      const limit = finished.validation.integer ? 'integers beyond 2^53' : 'values with more than 15 significant digits';
      sink.report(
        'RR_PRECISION_LOSS',
        where,
        `${where} (${finished.postgres.sql}) is a JavaScript number in Zero: ${limit} lose precision; silence with diagnostics.RR_PRECISION_LOSS if its values stay small`,
      );
    }
    if (serverKeys !== null) {
      sink.report(
        'RR_SERVER_GENERATED_KEY',
        draft.key,
        `primary key ${serverKeys.map((column) => column.serverName).join(', ')} of ${draft.key} is generated by the server (serial/identity); Zero inserts optimistically on the client, which then has to supply the id (client-generated string ids avoid this)`,
      );
    }
    // One array for the model's key and its primary-key finder (both read-only).
    const primaryKey = primary.map(clientName);
    const modelRelationships = relationships.get(draft.key) ?? [];
    const modelPolymorphic = polymorphic.get(draft.key) ?? [];
    output.push({
      key: draft.key,
      schema: draft.table.schema,
      table: draft.table.name,
      tableKind: draft.table.kind,
      comment: draft.table.comment,
      zeroName: info.names.zeroName,
      from: draft.table.schema === 'public'
        ? (info.names.zeroName === draft.table.name ? null : draft.table.name)
        : draft.key,
      modelName: info.names.modelName,
      fileName: info.names.fileName,
      typeNames: info.names.typeNames,
      singularName: info.names.singularName,
      pluralName: info.names.pluralName,
      columns,
      primaryKey,
      primaryKeySource: { kind: draft.primaryKey.kind, name: draft.primaryKey.name },
      relationships: modelRelationships,
      polymorphic: modelPolymorphic,
      behaviours,
      queries: queryInputs(draft, primaryKey, clientName, modelRelationships, modelPolymorphic, (name) => columns.find((c) => c.name === name)?.zero.builder !== 'json'),
      imports: sortedImports(columns),
      omittedColumns: draft.omitted.size === 0
        ? []
        : draft.table.columns
          .filter((column) => draft.omitted.has(column.name))
          .map((column) => ({ name: column.name, reason: draft.omitted.get(column.name) as string })),
    });
  }
  output.sort((a, b) => compareCodePoints(a.key, b.key));

  const enums: EnumUnion[] = enumKeys.map((key) => {
    const item = enumsByKey.get(key) as (typeof canonical.enums)[number];
    return {
      key,
      schema: item.schema,
      pgName: item.name,
      name: enumNames.get(key) as string,
      labels: item.labels,
      tsType: tsUnion(item.labels),
      comment: item.comment,
      usedBy: [...(usedEnums.get(key) as string[])].sort(compareCodePoints),
    };
  });

  usage.reportUnused(canonical.tables, sink);
  const diagnostics = sink.sorted();
  const severities = { error: 0, warning: 0, info: 0 };
  for (const item of diagnostics) severities[item.severity]++;
  let columnCount = 0;
  let omittedCount = 0;
  let relationshipCount = 0;
  for (const item of output) {
    columnCount += item.columns.length;
    omittedCount += item.omittedColumns.length;
    relationshipCount += item.relationships.length;
  }
  return {
    models: output,
    enums,
    imports: sortedImports(output),
    diagnostics,
    stats: {
      tables: canonical.tables.length,
      views: canonical.views.length,
      models: output.length,
      columns: columnCount,
      omittedColumns: omittedCount,
      relationships: relationshipCount,
      enums: enums.length,
      typeCache: resolver.stats,
      diagnostics: severities,
    },
  };
}
