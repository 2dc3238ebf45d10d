/**
 * Belongs-to links: from declared foreign keys, and from Rails conventions for databases that
 * declare few of them (`<name>_id` with a table for `<name>` whose single-column primary key has
 * a compatible type). Each link later yields a `one` on the holder and an inverse on the target.
 */

import type { MapperConfig } from '../config.js';
import type { DiagnosticSink } from '../diagnostics.js';
import type { Inflector } from '../names/inflect.js';
import { splitWords } from '../names/words.js';
import { columnKey, tableKey } from '../order.js';
import { allSynced, type ModelIndex, type ModelInfo } from './model-index.js';

export interface BelongsToLink {
  readonly origin: 'foreign-key' | 'convention';
  /** Unique within the holder: the constraint name, or the column for conventions. */
  readonly id: string;
  readonly constraint: string | null;
  readonly holder: string;
  readonly target: string;
  /** Database names, paired by position. */
  readonly holderColumns: readonly string[];
  readonly targetColumns: readonly string[];
  /** What the target is to the holder: `author_id` → [`author`]; composite keys → the target's singular name. */
  readonly roleWords: readonly string[];
}

/**
 * What a single-column key names: `author_id` → [`author`], `userId` → [`user`],
 * `reports_to` → [`reports`, `to`]. A column without an id suffix that starts with the target's
 * name (`language_code` → languages) names the target itself. Empty for a plain `id`.
 */
export function roleWordsOfColumn(column: string, targetWords: readonly string[]): readonly string[] {
  const words = splitWords(column);
  if (words.length > 0 && words[words.length - 1] === 'id') return words.slice(0, -1);
  const startsWithTarget = targetWords.length > 0 && words.length > targetWords.length && targetWords.every((word, index) => words[index] === word);
  return startsWithTarget ? targetWords : words;
}

function foreignKeyLinks(holder: ModelInfo, models: ModelIndex, sink: DiagnosticSink): BelongsToLink[] {
  const links: BelongsToLink[] = [];
  for (const fk of holder.draft.table.foreignKeys) {
    const target = tableKey(fk.references.schema, fk.references.name);
    const where = `${holder.key}`;
    const targetModel = models.get(target);
    if (targetModel === undefined) {
      sink.report(
        'RR_RELATIONSHIP_TARGET_OMITTED',
        where,
        `foreign key ${fk.name} (${fk.columns.join(', ')}) points at ${target}, which is not a model; no relationship is generated for it`,
      );
      continue;
    }
    const missingHolder = fk.columns.filter((column) => !holder.clientNames.has(column));
    const missingTarget = fk.references.columns.filter((column) => !targetModel.clientNames.has(column));
    if (missingHolder.length > 0 || missingTarget.length > 0) {
      const missing = [
        ...missingHolder.map((column) => columnKey(holder.draft.table.schema, holder.draft.table.name, column)),
        ...missingTarget.map((column) => columnKey(fk.references.schema, fk.references.name, column)),
      ];
      sink.report(
        'RR_RELATIONSHIP_COLUMN_OMITTED',
        where,
        `foreign key ${fk.name} uses ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} left out; no relationship is generated for it`,
      );
      continue;
    }
    const single = fk.columns.length === 1 ? roleWordsOfColumn(fk.columns[0] as string, targetModel.names.tableSingularWords) : [];
    links.push({
      origin: 'foreign-key',
      id: `fk:${fk.name}`,
      constraint: fk.name,
      holder: holder.key,
      target,
      holderColumns: fk.columns,
      targetColumns: fk.references.columns,
      roleWords: single.length > 0 ? single : targetModel.names.tableSingularWords,
    });
  }
  return links;
}

/** Tables a `<name>_id` column may point at, most specific first. */
function conventionCandidates(schema: string, nameWords: readonly string[], config: MapperConfig, inflector: Inflector): string[] {
  const name = nameWords.join('_');
  const plural = inflector.pluralWords(nameWords).join('_');
  const schemas = [schema, ...config.names.unprefixedSchemas.filter((other) => other !== schema)];
  return schemas.flatMap((candidate) => [tableKey(candidate, plural), tableKey(candidate, name)]);
}

function conventionLinks(
  holder: ModelInfo,
  models: ModelIndex,
  config: MapperConfig,
  inflector: Inflector,
  sink: DiagnosticSink,
  polymorphicIds: ReadonlySet<string>,
): BelongsToLink[] {
  const table = holder.draft.table;
  const withForeignKey = new Set<string>();
  if (config.relationships.sources === 'both') {
    for (const fk of table.foreignKeys) for (const column of fk.columns) withForeignKey.add(column);
  }
  const links: BelongsToLink[] = [];
  for (const draft of holder.draft.columns) {
    const column = draft.column.name;
    const match = /^(.+)_id$/.exec(column);
    if (match === null || withForeignKey.has(column) || polymorphicIds.has(column)) continue;
    if (draft.column.type.arrayDimensions > 0) continue;
    const nameWords = splitWords(match[1] as string);
    if (nameWords.length === 0) continue;
    const target = conventionCandidates(table.schema, nameWords, config, inflector)
      .map((key) => models.get(key))
      .find((model) => model !== undefined);
    if (target === undefined) continue;
    const where = columnKey(table.schema, table.name, column);
    const key = target.draft.primaryKey.columns;
    if (key.length !== 1) continue;
    // A table's own key (`album.album_id`) names the table itself, not a reference.
    if (target.key === holder.key && key[0] === column) continue;
    const targetColumn = target.draft.columnsByName.get(key[0] as string);
    const holderClass = draft.type.keyClass;
    if (targetColumn === undefined || holderClass === null || holderClass !== targetColumn.type.keyClass) {
      sink.report(
        'RR_CONVENTION_TYPE_MISMATCH',
        where,
        `${where} (${draft.column.type.sql}) looks like a key of ${target.key}, but its primary key ${key[0]} is ${targetColumn?.column.type.sql ?? 'not synced'}; no relationship is inferred`,
      );
      continue;
    }
    if (!allSynced(target, key)) continue;
    sink.report(
      'RR_CONVENTION_RELATIONSHIP',
      where,
      `${where} has no foreign key; by Rails convention it is taken to reference ${target.key}.${key[0]}`,
    );
    links.push({
      origin: 'convention',
      id: `column:${column}`,
      constraint: null,
      holder: holder.key,
      target: target.key,
      holderColumns: [column],
      targetColumns: key,
      roleWords: nameWords,
    });
  }
  return links;
}

export function belongsToLinks(
  holder: ModelInfo,
  models: ModelIndex,
  config: MapperConfig,
  inflector: Inflector,
  sink: DiagnosticSink,
  polymorphicIds: ReadonlySet<string>,
): BelongsToLink[] {
  const sources = config.relationships.sources;
  if (sources === 'conventions') return conventionLinks(holder, models, config, inflector, sink, polymorphicIds);
  const links = foreignKeyLinks(holder, models, sink);
  if (sources === 'both') links.push(...conventionLinks(holder, models, config, inflector, sink, polymorphicIds));
  return links;
}
