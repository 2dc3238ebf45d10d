import type { KeyFinder, Model, ModelColumn } from '@rr/mapper';

import { INDENT, PRINT_WIDTH, chainProperty, chainStatement, list, unionAlias, type Call } from '../syntax/layout.js';
import { propertyKey, stringLiteral, valueLiteral } from '../syntax/literals.js';
import { importStatement } from './imports.js';
import { SCHEMA_FILE, SUPPORT_FILE, modelFile, specifier, type ModulePaths } from './module-paths.js';
import { argumentValidator, columnValidator } from './validators.js';

/** What `model.hbs` prints: a model's types, defaults, validators, queries and mutators. */
export interface ModelView {
  readonly key: string;
  readonly comment: string | null;
  readonly modelName: string;
  readonly imports: readonly string[];
  readonly types: readonly string[];
  readonly defaults: { readonly open: string; readonly lines: readonly string[] } | null;
  readonly validators: readonly ObjectBlock[];
  readonly queriesOpen: string;
  readonly queries: readonly Definition[];
  readonly mutatorsOpen: string;
  readonly mutators: readonly Definition[];
}

/** `export const name = z.object({` … `});` with one laid-out line per field. */
export interface ObjectBlock {
  readonly comment: string;
  readonly open: string;
  readonly lines: readonly string[];
  readonly close: string;
}

/** One `name: defineQuery(args, ({ args }) => {` … `}),` entry. */
export interface Definition {
  readonly comment: string;
  readonly open: string;
  readonly body: readonly string[];
}

const FIELD = INDENT;
const BODY = INDENT.repeat(2);

export const modelVariable = (model: Model, suffix: string): string => `${model.singularName}${suffix}`;

/** Columns a create may write: everything but generated columns and GENERATED ALWAYS identities. */
export const writableColumns = (model: Model): readonly ModelColumn[] => model.columns.filter((column) => column.insertable);

/** Columns a create mutator receives from its caller; the facade fills ids and timestamps. */
export function createOptional(model: Model, column: ModelColumn): boolean {
  if (column.nullable) return true;
  return column.clientFill?.kind === 'literal';
}

/** What the facade fills before calling `create`: client ids and timestamps. */
export function facadeFilled(model: Model): { readonly uuid: readonly string[]; readonly now: readonly string[] } {
  const uuid: string[] = [];
  const now: string[] = [];
  const { createdAt, updatedAt } = model.behaviours.timestamps;
  for (const column of writableColumns(model)) {
    if (column.name === createdAt || column.name === updatedAt || (column.clientFill?.kind === 'now' && !column.nullable)) now.push(column.name);
    else if (column.clientFill?.kind === 'uuid' && !column.nullable) uuid.push(column.name);
  }
  return { uuid, now };
}

export function modelView(model: Model, paths: ModulePaths): ModelView {
  const file = modelFile(model.fileName);
  const table = `typeof schema.tables.${model.zeroName}`;
  const { insert, update } = model.typeNames;
  const writable = writableColumns(model);
  const keyColumns = model.primaryKey.map((name) => columnNamed(model, name));
  const literalDefaults = writable.filter((column) => column.clientFill?.kind === 'literal');
  const softDelete = model.behaviours.softDelete;
  const { updatedAt } = model.behaviours.timestamps;

  const validators: ObjectBlock[] = [
    objectBlock(
      'Arguments of `create` and `upsert`: every column a client may write.',
      modelVariable(model, 'CreateArgs'),
      writable.map((column) => validatorField(column, createOptional(model, column))),
    ),
    objectBlock(
      'Arguments of `update`: the primary key, and the columns to change.',
      modelVariable(model, 'UpdateArgs'),
      writable.map((column) => validatorField(column, !column.primaryKey)),
    ),
    objectBlock('The primary key: arguments of `find` and `destroy`.', modelVariable(model, 'KeyArgs'), keyColumns.map(keyField)),
  ];
  const finderArgs = new Map<string, string>();
  finderArgs.set(model.queries.primaryKey.finderName, modelVariable(model, 'KeyArgs'));
  const finders: { readonly finder: KeyFinder; readonly one: boolean }[] = [
    ...model.queries.uniqueKeys.map((finder) => ({ finder, one: true })),
    ...model.queries.belongsTo.map((finder) => ({ finder: { source: finder.relationship, columns: finder.columns, finderName: finder.finderName }, one: false })),
  ];
  for (const { finder } of finders) {
    if (finderArgs.has(finder.finderName)) continue;
    const name = modelVariable(model, `${upperFirst(finder.finderName)}Args`);
    finderArgs.set(finder.finderName, name);
    validators.push(objectBlock(`Arguments of \`${finder.finderName}\`.`, name, finder.columns.map((c) => keyField(columnNamed(model, c)))));
  }
  if (softDelete !== null) {
    validators.push(
      objectBlock('Arguments of `discard` and `undiscard`: the primary key and the time of the change.', modelVariable(model, 'DiscardArgs'), [
        ...keyColumns.map(keyField),
        `at: z.number(),`,
      ]),
    );
  }

  const zql = `zql.${model.zeroName}`;
  const where = (columns: readonly string[]): Call[] => columns.map((column) => ({ callee: 'where', args: [stringLiteral(column), `args.${column}`] }));
  const queries: Definition[] = [
    definition('Every row.', 'all', 'defineQuery', null, [`return ${zql};`], false),
    definition(`One row by primary key.`, model.queries.primaryKey.finderName, 'defineQuery', finderArgs.get(model.queries.primaryKey.finderName) as string, [
      chainStatement(BODY, 'return ', zql, [...where(model.primaryKey), { callee: 'one', args: [] }]),
    ], false),
    ...finders
      .filter(({ finder }) => finder.finderName !== model.queries.primaryKey.finderName)
      .map(({ finder, one }) =>
        definition(
          one ? `One row by its unique ${finder.columns.join(', ')}.` : `Rows of one ${finder.source}.`,
          finder.finderName,
          'defineQuery',
          finderArgs.get(finder.finderName) as string,
          [chainStatement(BODY, 'return ', zql, [...where(finder.columns), ...(one ? [{ callee: 'one', args: [] }] : [])])],
          false,
        ),
      ),
  ];
  if (softDelete !== null) {
    const column = stringLiteral(softDelete.column);
    queries.push(
      definition('Rows not discarded.', 'kept', 'defineQuery', null, [chainStatement(BODY, 'return ', zql, [{ callee: 'where', args: [column, '"IS"', 'null'] }])], false),
      definition('Discarded rows.', 'discarded', 'defineQuery', null, [chainStatement(BODY, 'return ', zql, [{ callee: 'where', args: [column, '"IS NOT"', 'null'] }])], false),
    );
  }

  const mutate = `tx.mutate.${model.zeroName}`;
  const withDefaults = literalDefaults.length === 0 ? null : [`...${modelVariable(model, 'Defaults')}`, '...definedOnly(args)'];
  const mutators: Definition[] = [
    definition('Inserts a row; literal database defaults fill what is left out.', 'create', 'defineMutator', modelVariable(model, 'CreateArgs'), [
      writeCall(`await ${mutate}.insert(`, withDefaults),
    ], true),
    definition('Changes the given columns of one row.', 'update', 'defineMutator', modelVariable(model, 'UpdateArgs'), [`await ${mutate}.update(args);`], true),
    definition('Inserts a row, or replaces the one with the same primary key.', 'upsert', 'defineMutator', modelVariable(model, 'CreateArgs'), [
      writeCall(`await ${mutate}.upsert(`, withDefaults),
    ], true),
    definition('Deletes one row by primary key.', 'destroy', 'defineMutator', modelVariable(model, 'KeyArgs'), [`await ${mutate}.delete(args);`], true),
  ];
  if (softDelete !== null) {
    for (const [name, value, comment] of [
      ['discard', 'args.at', 'Marks one row discarded (soft delete).'],
      ['undiscard', 'null', 'Brings a discarded row back.'],
    ] as const) {
      const fields = [
        ...model.primaryKey.map((column) => `${propertyKey(column)}: args.${column},`),
        `${propertyKey(softDelete.column)}: ${value},`,
        ...(updatedAt !== null && updatedAt !== softDelete.column ? [`${propertyKey(updatedAt)}: args.at,`] : []),
      ];
      const inner = BODY + INDENT;
      mutators.push(
        definition(comment, name, 'defineMutator', modelVariable(model, 'DiscardArgs'), [`await ${mutate}.update({`, ...fields.map((field) => `${INDENT}${field}`), '});'], true),
      );
      void inner;
    }
  }

  return {
    key: model.key,
    comment: model.comment,
    modelName: model.modelName,
    imports: [
      importStatement(['defineMutator', 'defineQuery', 'type InsertValue', 'type UpdateValue'], '@rocicorp/zero'),
      importStatement(['z'], 'zod'),
      '',
      importStatement([...typeImportsFor(model), 'type schema', 'zql'], specifier(file, SCHEMA_FILE, paths)),
      ...(literalDefaults.length === 0 ? [] : [importStatement(['definedOnly'], specifier(file, SUPPORT_FILE, paths))]),
    ],
    types: [
      `/** Values for a new row, as Zero's \`insert\` checks them. */\n${unionAlias('', `export type ${insert}`, [`InsertValue<${table}>`])}`,
      `/** A change to one row, as Zero's \`update\` checks it. */\n${unionAlias('', `export type ${update}`, [`UpdateValue<${table}>`])}`,
    ],
    defaults:
      literalDefaults.length === 0
        ? null
        : {
            open: `export const ${modelVariable(model, 'Defaults')} = {`,
            lines: literalDefaults.map(defaultLine),
          },
    validators,
    queriesOpen: `export const ${modelVariable(model, 'Queries')} = {`,
    queries,
    mutatorsOpen: `export const ${modelVariable(model, 'Mutators')} = {`,
    mutators,
  };
}

/** Configured types the validators name, re-exported by the schema module. */
function typeImportsFor(model: Model): readonly string[] {
  return [...new Set(model.imports.filter((i) => i.from !== '@rocicorp/zero').map((i) => i.name))].sort().map((name) => `type ${name}`);
}

function columnNamed(model: Model, name: string): ModelColumn {
  const column = model.columns.find((candidate) => candidate.name === name);
  if (column === undefined) throw new Error(`${model.key}: no column "${name}"`);
  return column;
}

/** `await tx.mutate.t.insert(args);`, or with defaults spread in: `insert({ ...defaults, ...definedOnly(args) });`. */
function writeCall(open: string, spread: readonly string[] | null): string {
  if (spread === null) return `${open}args);`;
  return `${open}${list(BODY, '{', spread, '}', ');', BODY.length + open.length)}`;
}

/**
 * `key: value,` for a literal default. The value is printed here from the parsed default rather
 * than taken from the mapper's `tsLiteral`, which is single-quoted and keeps non-ASCII text
 * (bidirectional controls included) as it is: output must stay escaped and Prettier-shaped.
 */
function defaultLine(column: ModelColumn): string {
  const value = column.default?.kind === 'literal' ? valueLiteral(column.default.value) : (column.clientFill as { tsLiteral: string }).tsLiteral;
  const key = propertyKey(column.name);
  // Prettier moves a long string to the line after its key; chainProperty lays that out.
  return typeof (column.default as { value?: unknown } | null)?.value === 'string' ? `${FIELD}${chainProperty(FIELD, key, value, [])}` : `${FIELD}${key}: ${value},`;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function validatorField(column: ModelColumn, optional: boolean): string {
  return chainProperty(FIELD, propertyKey(column.name), 'z', argumentValidator(column, optional));
}

/** A column a finder matches on: never null, since `= null` matches nothing in ZQL. */
function keyField(column: ModelColumn): string {
  return chainProperty(FIELD, propertyKey(column.name), 'z', columnValidator(column));
}

function objectBlock(comment: string, name: string, lines: readonly string[]): ObjectBlock {
  const open = `export const ${name} = z.object({`;
  return {
    comment,
    open: open.length <= PRINT_WIDTH ? open : `export const ${name} =\n${INDENT}z.object({`,
    lines: open.length <= PRINT_WIDTH ? lines : lines.map((line) => INDENT + line.replaceAll('\n', `\n${INDENT}`)),
    close: open.length <= PRINT_WIDTH ? '});' : `${INDENT}});`,
  };
}

function definition(comment: string, name: string, define: 'defineQuery' | 'defineMutator', args: string | null, body: readonly string[], mutator: boolean): Definition {
  const parameters = mutator ? '{ tx, args }' : '{ args }';
  const callback = args === null ? `() => {` : `async (${parameters}) => {`;
  const fn = mutator ? callback : callback.replace('async ', '');
  const open = `${propertyKey(name)}: ${define}(${args === null ? '' : `${args}, `}${fn}`;
  return { comment, open, body };
}
