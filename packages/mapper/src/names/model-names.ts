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
import { allocateNames, type NameGrant, type NameRequest } from './allocate-names.js';
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

export function schemaPrefixWords(schema: string, config: MapperConfig): readonly string[] {
  if (config.names.unprefixedSchemas.includes(schema)) return [];
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

export function allocateModelNames(
  tables: readonly NamedTable[],
  config: MapperConfig,
  inflector: Inflector,
  sink: DiagnosticSink,
): Map<string, ModelNames> {
  const zeroRequests: NameRequest[] = [];
  const modelRequests: NameRequest[] = [];
  const wordsByKey = new Map<string, { prefix: readonly string[]; table: readonly string[] }>();

  for (const table of tables) {
    const prefix = schemaPrefixWords(table.schema, config);
    const tableWords = splitWords(table.table);
    wordsByKey.set(table.key, { prefix, table: tableWords });
    const override = config.tables[table.key];

    const databaseForm = prefix.length === 0 ? table.table : `${prefix.join('_')}_${table.table}`;
    const zeroNatural = config.names.keepDatabaseNames ? databaseForm : camelFromWords([...prefix, ...tableWords]);
    const zeroSafe = safeIdentifier(zeroNatural, `table_${zeroRequests.length + 1}`);
    if (override?.name == null) reportUnsafe(sink, table.key, 'Zero table name', zeroNatural, zeroSafe);
    const zeroName = override?.name ?? zeroSafe.name;
    const databaseSafe = safeIdentifier(databaseForm, zeroName).name;
    zeroRequests.push({
      id: table.key,
      candidates: [zeroName, databaseSafe],
      priority: override?.name != null ? 0 : zeroName === table.table ? 1 : 2,
    });

    const singular = inflector.singularWords(tableWords);
    const modelNatural = pascalFromWords([...prefix, ...singular]);
    const modelSafe = safeIdentifier(modelNatural, `Model${modelRequests.length + 1}`);
    if (override?.model == null) reportUnsafe(sink, table.key, 'model name', modelNatural, modelSafe);
    const modelName = override?.model ?? modelSafe.name;
    const pluralForm = safeIdentifier(pascalFromWords([...prefix, ...tableWords]), modelName).name;
    modelRequests.push({ id: table.key, candidates: [modelName, pluralForm], priority: override?.model != null ? 0 : 1 });
  }

  const zeroGrants = allocateNames(zeroRequests);
  const modelGrants = allocateNames(modelRequests, { reserved: RESERVED_TYPE_NAMES });
  const fileRequests: NameRequest[] = tables.map((table) => {
    const modelName = (modelGrants.get(table.key) as NameGrant).name;
    return { id: table.key, candidates: [kebabFromWords(splitWords(modelName))], priority: 0 };
  });
  const fileGrants = allocateNames(fileRequests, { normalize: (name) => name.toLowerCase() });

  // Variable and namespace names: unique across models too (`ABTest` and `AbTest` would both
  // give `abTest`; `Person` and `People` both pluralise to `people`).
  const modelWordsByKey = new Map(tables.map((table) => [table.key, splitWords((modelGrants.get(table.key) as NameGrant).name)]));
  const singularGrants = allocateNames(
    tables.map((table) => ({ id: table.key, candidates: [safeIdentifier(camelFromWords(modelWordsByKey.get(table.key) ?? []), 'model').name], priority: 0 })),
  );
  const pluralGrants = allocateNames(
    tables.map((table) => ({
      id: table.key,
      candidates: [safeIdentifier(camelFromWords(inflector.pluralWords(modelWordsByKey.get(table.key) ?? [])), 'models').name],
      priority: 0,
    })),
  );

  const result = new Map<string, ModelNames>();
  for (const table of tables) {
    const zero = zeroGrants.get(table.key) as NameGrant;
    const model = modelGrants.get(table.key) as NameGrant;
    const file = fileGrants.get(table.key) as NameGrant;
    reportCollision(sink, table.key, 'Zero table name', zero);
    reportCollision(sink, table.key, 'model name', model);
    reportCollision(sink, table.key, 'file name', file);
    const words = wordsByKey.get(table.key) as { prefix: readonly string[]; table: readonly string[] };
    result.set(table.key, {
      zeroName: zero.name,
      modelName: model.name,
      fileName: file.name,
      typeNames: { row: `${model.name}Row`, insert: `${model.name}Insert`, update: `${model.name}Update` },
      singularName: (singularGrants.get(table.key) as NameGrant).name,
      pluralName: (pluralGrants.get(table.key) as NameGrant).name,
      tableSingularWords: inflector.singularWords(words.table),
      tablePluralWords: inflector.pluralWords(inflector.singularWords(words.table)),
    });
  }
  return result;
}

