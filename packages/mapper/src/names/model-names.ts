/**
 * Table-level names: Zero table name, model (class) name, file name, and the derived type names.
 *
 * - Zero name: camelCase of the table name, plural kept (`playlist_track` → `playlistTrack`);
 *   tables outside the unprefixed schemas get their schema's prefix (`audit.events` →
 *   `auditEvents`).
 * - Model name: PascalCase singular (`people` → `Person`), with the same prefix.
 * - File name: kebab-case of the model name, unique ignoring case.
 * All three are allocated across every model at once, so collisions are settled the same way
 * whatever order the tables came in.
 */

import type { MapperConfig } from '../config.js';
import type { DiagnosticSink } from '../diagnostics.js';
import { allocateNamesInOrder, type NameGrant, type NameRequest } from './allocate-names.js';
import type { Inflector } from './inflect.js';
import { safeIdentifier, type SafeName } from './safe-name.js';
import { camelFromWords, kebabFromWords, pascalFromWords, splitWords } from './words.js';

/**
 * Type names a model or enum union must not take: names the generated modules import or export
 * themselves (Zero's `Row`, the schema module's `Schema`), and globals a model class would shadow
 * inside its own module (a class `Map` would break every `new Map()` there).
 */
export const RESERVED_TYPE_NAMES: readonly string[] = [
  'Schema', 'Row', 'InsertValue', 'UpdateValue', 'Zero', 'ReadonlyJSONValue', 'Query', 'Transaction',
  'Array', 'Boolean', 'Date', 'Error', 'Function', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise',
  'Record', 'RegExp', 'Set', 'String', 'Symbol', 'WeakMap', 'WeakSet',
];

export interface ModelNames {
  readonly zeroName: string;
  readonly modelName: string;
  readonly fileName: string;
  readonly typeNames: { readonly row: string; readonly insert: string; readonly update: string };
  readonly singularName: string;
  readonly pluralName: string;
  /**
   * Words of the table name alone, without schema prefix, singular and plural
   * (`credit_notes` → [`credit`, `note`] / [`credit`, `notes`]): relationship names are scoped
   * to their model, so they need no prefix; also the Rails class name of polymorphic types.
   */
  readonly tableSingularWords: readonly string[];
  readonly tablePluralWords: readonly string[];
}

export interface NamedTable {
  readonly key: string;
  readonly schema: string;
  readonly table: string;
}

const NO_WORDS: readonly string[] = [];

export function schemaPrefixWords(schema: string, config: MapperConfig): readonly string[] {
  if (config.names.unprefixedSchemas.includes(schema)) return NO_WORDS;
  return splitWords(config.names.schemaPrefixes[schema] ?? schema);
}

/** Reports a name that had to be made safe. */
export function reportUnsafe(sink: DiagnosticSink, where: string, what: string, original: string, safe: SafeName): void {
  if (safe.problem === null) return;
  if (safe.problem === 'reserved') {
    sink.report('RR_RESERVED_NAME', where, `${what} '${original}' is a reserved word; it is named '${safe.name}'`);
  } else {
    sink.report('RR_INVALID_NAME', where, `${what} '${original}' is not a valid identifier; it is named '${safe.name}'`);
  }
}

export function reportCollision(sink: DiagnosticSink, where: string, what: string, grant: NameGrant): void {
  if (grant.lostTo === null) return;
  if (grant.lostTo === 'reserved') {
    sink.report('RR_RESERVED_NAME', where, `${what} '${grant.wanted}' is reserved for the generated code; this one is named '${grant.name}'`);
    return;
  }
  sink.report('RR_NAME_COLLISION', where, `${what} '${grant.wanted}' is also wanted by ${grant.lostTo.join(', ')}; this one is named '${grant.name}'`);
}

interface TableWords {
  readonly prefix: readonly string[];
  readonly table: readonly string[];
  readonly singular: readonly string[];
}

export function allocateModelNames(
  tables: readonly NamedTable[],
  config: MapperConfig,
  inflector: Inflector,
  sink: DiagnosticSink,
): Map<string, ModelNames> {
  const zeroRequests: NameRequest[] = [];
  const modelRequests: NameRequest[] = [];
  const wordsInOrder: TableWords[] = [];
  const withPrefix = (prefix: readonly string[], words: readonly string[]): readonly string[] => (prefix.length === 0 ? words : [...prefix, ...words]);

  // Most configs rename no table; looking a key up in an object costs more than a Map lookup.
  const hasTableOverrides = Object.keys(config.tables).length > 0;
  for (const table of tables) {
    const prefix = schemaPrefixWords(table.schema, config);
    const tableWords = splitWords(table.table);
    const singular = inflector.singularWords(tableWords);
    wordsInOrder.push({ prefix, table: tableWords, singular });
    const override = hasTableOverrides ? config.tables[table.key] : undefined;

    const databaseForm = prefix.length === 0 ? table.table : `${prefix.join('_')}_${table.table}`;
    const zeroNatural = config.names.keepDatabaseNames ? databaseForm : camelFromWords(withPrefix(prefix, tableWords));
    const zeroSafe = safeIdentifier(zeroNatural, `table_${zeroRequests.length + 1}`);
    if (override?.name == null) reportUnsafe(sink, table.key, 'Zero table name', zeroNatural, zeroSafe);
    const zeroName = override?.name ?? zeroSafe.name;
    // Fallback names are worked out only for the few tables that lose a collision.
    zeroRequests.push({
      id: table.key,
      candidates: [zeroName],
      priority: override?.name != null ? 0 : zeroName === table.table ? 1 : 2,
      fallbacks: () => [safeIdentifier(databaseForm, zeroName).name],
    });

    const modelNatural = pascalFromWords(withPrefix(prefix, singular));
    const modelSafe = safeIdentifier(modelNatural, `Model${modelRequests.length + 1}`);
    if (override?.model == null) reportUnsafe(sink, table.key, 'model name', modelNatural, modelSafe);
    const modelName = override?.model ?? modelSafe.name;
    modelRequests.push({
      id: table.key,
      candidates: [modelName],
      priority: override?.model != null ? 0 : 1,
      fallbacks: () => [safeIdentifier(pascalFromWords(withPrefix(prefix, tableWords)), modelName).name],
    });
  }

  // Every list below is in the order of `tables`, so grants are matched by position.
  const zeroGrants = allocateNamesInOrder(zeroRequests);
  const modelGrants = allocateNamesInOrder(modelRequests, { reserved: RESERVED_TYPE_NAMES });
  const modelWords = modelGrants.map((grant) => splitWords(grant.name));
  const fileGrants = allocateNamesInOrder(
    tables.map((table, index) => ({ id: table.key, candidates: [kebabFromWords(modelWords[index] as readonly string[])], priority: 0 })),
    { normalize: (name) => name.toLowerCase() },
  );

  // Variable and namespace names: unique across models too (`ABTest` and `AbTest` would both
  // give `abTest`; `Person` and `People` both pluralise to `people`).
  const singularGrants = allocateNamesInOrder(
    tables.map((table, index) => ({ id: table.key, candidates: [safeIdentifier(camelFromWords(modelWords[index] as readonly string[]), 'model').name], priority: 0 })),
  );
  const pluralGrants = allocateNamesInOrder(
    tables.map((table, index) => ({
      id: table.key,
      candidates: [safeIdentifier(camelFromWords(inflector.pluralWords(modelWords[index] as readonly string[])), 'models').name],
      priority: 0,
    })),
  );

  const result = new Map<string, ModelNames>();
  tables.forEach((table, index) => {
    const zero = zeroGrants[index] as NameGrant;
    const model = modelGrants[index] as NameGrant;
    const file = fileGrants[index] as NameGrant;
    reportCollision(sink, table.key, 'Zero table name', zero);
    reportCollision(sink, table.key, 'model name', model);
    reportCollision(sink, table.key, 'file name', file);
    const words = wordsInOrder[index] as TableWords;
    result.set(table.key, {
      zeroName: zero.name,
      modelName: model.name,
      fileName: file.name,
      typeNames: { row: `${model.name}Row`, insert: `${model.name}Insert`, update: `${model.name}Update` },
      singularName: (singularGrants[index] as NameGrant).name,
      pluralName: (pluralGrants[index] as NameGrant).name,
      tableSingularWords: words.singular,
      tablePluralWords: inflector.pluralWords(words.singular),
    });
  });
  return result;
}

