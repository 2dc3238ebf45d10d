import type { KeyFinder, Model, ModelColumn } from '@rr/mapper';

import { INDENT, PRINT_WIDTH, chainProperty, chainStatement, genericAlias, list, type Call } from '../syntax/layout.js';
import { propertyKey, stringLiteral } from '../syntax/literals.js';
import { importStatement } from './imports.js';
import { SCHEMA_FILE, SUPPORT_FILE, modelFile, specifier, type ModulePaths } from './module-paths.js';
import { argumentValidator, columnValidator } from './validators.js';

/** What `model.hbs` prints: a model's types, defaults, validators, queries and mutators. */
export interface ModelView {
  readonly imports: readonly string[];
  readonly types: readonly string[];
  readonly defaults: { readonly open: string; readonly lines: readonly string[]; readonly insertType: string } | null;
  readonly validators: readonly ObjectBlock[];
  readonly queriesOpen: string;
  readonly queries: readonly Definition[];
  readonly mutatorsOpen: string;
  readonly mutators: readonly Definition[];
}

/** `export const name = z.object({` … `});`, as complete lines. */
export interface ObjectBlock {
  readonly comment: string;
  readonly lines: readonly string[];
}

/** An object property laid out at the indent it is printed at (first line without the indent). */
type Field = (indent: string) => string;

/** One `name: defineQuery(args, ({ args }) => {` … `}),` entry, as complete lines. */
export interface Definition {
  readonly comment: string;
  readonly lines: readonly string[];
}

/** A callback body, laid out at the indent it is printed at. */
type Body = (indent: string) => readonly string[];

const FIELD = INDENT;

export const modelVariable = (model: Model, suffix: string): string => `${model.singularName}${suffix}`;

/** Columns a create may write: everything but generated columns and GENERATED ALWAYS identities. */
export const writableColumns = (model: Model): readonly ModelColumn[] => model.columns.filter((column) => column.insertable);

/** Whether `create` may leave a column out: nullable, or a literal default the mutator fills. */
export function createOptional(column: ModelColumn): boolean {
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

/**
 * Whether clients can insert rows: not when the database alone makes the primary key
 * (GENERATED ALWAYS identities, generated columns), since a Zero insert must carry it.
 */
export const canCreate = (model: Model): boolean =>
  model.primaryKey.every((name) => model.columns.some((column) => column.name === name && column.insertable));

export function modelView(model: Model, paths: ModulePaths): ModelView {
  const file = modelFile(model.fileName);
  const table = `typeof schema.tables.${model.zeroName}`;
  const { insert, update } = model.typeNames;
  const writable = writableColumns(model);
  const keyColumns = model.primaryKey.map((name) => columnNamed(model, name));
  const literalDefaults = writable.filter((column) => column.clientFill?.kind === 'literal');
  const softDelete = model.behaviours.softDelete;
  const { updatedAt } = model.behaviours.timestamps;

  const creatable = canCreate(model);
  const validators: ObjectBlock[] = [
    ...(creatable
      ? [
          objectBlock(
            'Arguments of `create` and `upsert`: every column a client may write.',
            modelVariable(model, 'CreateArgs'),
            writable.map((column) => validatorField(column, createOptional(column))),
          ),
        ]
      : []),
    objectBlock('Arguments of `update`: the primary key, and the columns to change.', modelVariable(model, 'UpdateArgs'), [
      ...keyColumns.map(keyField),
      ...writable.filter((column) => !column.primaryKey).map((column) => validatorField(column, true)),
    ]),
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
        () => 'at: z.number(),',
      ]),
    );
  }

  const zql = `zql.${model.zeroName}`;
  const where = (columns: readonly string[]): Call[] => columns.map((column) => ({ callee: 'where', args: [stringLiteral(column), `args.${column}`] }));
  const queries: Definition[] = [
    definition('Every row.', 'all', 'defineQuery', null, (indent) => [`${indent}return ${zql};`], false),
    definition(`One row by primary key.`, model.queries.primaryKey.finderName, 'defineQuery', finderArgs.get(model.queries.primaryKey.finderName) as string, (indent) => [
      indent + chainStatement(indent, 'return ', zql, [...where(model.primaryKey), { callee: 'one', args: [] }]),
    ], false),
    ...finders
      .filter(({ finder }) => finder.finderName !== model.queries.primaryKey.finderName)
      .map(({ finder, one }) =>
        definition(
          one ? `One row by its unique ${finder.columns.join(', ')}.` : `Rows of one ${finder.source}.`,
          finder.finderName,
          'defineQuery',
          finderArgs.get(finder.finderName) as string,
          (indent) => [indent + chainStatement(indent, 'return ', zql, [...where(finder.columns), ...(one ? [{ callee: 'one', args: [] }] : [])])],
          false,
        ),
      ),
  ];
  if (softDelete !== null) {
    const column = stringLiteral(softDelete.column);
    queries.push(
      definition('Rows not discarded.', 'kept', 'defineQuery', null, (indent) => [indent + chainStatement(indent, 'return ', zql, [{ callee: 'where', args: [column, '"IS"', 'null'] }])], false),
      definition('Discarded rows.', 'discarded', 'defineQuery', null, (indent) => [indent + chainStatement(indent, 'return ', zql, [{ callee: 'where', args: [column, '"IS NOT"', 'null'] }])], false),
    );
  }

  const mutate = `tx.mutate.${model.zeroName}`;
  const withDefaults = literalDefaults.length === 0 ? null : [`...${modelVariable(model, 'Defaults')}`, '...definedOnly(args)'];
  const create = (name: 'create' | 'upsert', comment: string): Definition =>
    definition(comment, name, 'defineMutator', modelVariable(model, 'CreateArgs'), (indent) => [indent + writeCall(indent, mutate, name === 'create' ? 'insert' : 'upsert', withDefaults)], true);
  const mutators: Definition[] = [
    ...(creatable ? [create('create', 'Inserts a row; literal database defaults fill what is left out.')] : []),
    definition('Changes the given columns of one row.', 'update', 'defineMutator', modelVariable(model, 'UpdateArgs'), (indent) => [indent + chainStatement(indent, 'await ', mutate, [{ callee: 'update', args: ['args'] }])], true),
    ...(creatable ? [create('upsert', 'Inserts a row, or replaces the one with the same primary key.')] : []),
    definition('Deletes one row by primary key.', 'destroy', 'defineMutator', modelVariable(model, 'KeyArgs'), (indent) => [indent + chainStatement(indent, 'await ', mutate, [{ callee: 'delete', args: ['args'] }])], true),
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
      mutators.push(
        definition(comment, name, 'defineMutator', modelVariable(model, 'DiscardArgs'), (indent) => [`${indent}await ${mutate}.update({`, ...fields.map((field) => `${indent}${INDENT}${field}`), `${indent}});`], true),
      );
    }
  }

  return {
    imports: [
      importStatement(['defineMutator', 'defineQuery', 'type InsertValue', 'type UpdateValue'], '@rocicorp/zero'),
      importStatement(['z'], 'zod'),
      '',
      importStatement([...typeImportsFor(model), 'type schema', 'zql'], specifier(file, SCHEMA_FILE, paths)),
      ...(literalDefaults.length === 0 ? [] : [importStatement(['definedOnly'], specifier(file, SUPPORT_FILE, paths))]),
    ],
    types: [
      `/** Values for a new row, as Zero's \`insert\` checks them. */\n${genericAlias(`export type ${insert}`, 'InsertValue', [table])}`,
      `/** A change to one row, as Zero's \`update\` checks it. */\n${genericAlias(`export type ${update}`, 'UpdateValue', [table])}`,
    ],
    defaults:
      literalDefaults.length === 0
        ? null
        : {
            open: `export const ${modelVariable(model, 'Defaults')} = {`,
            insertType: insert,
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
function writeCall(indent: string, mutate: string, method: string, spread: readonly string[] | null): string {
  if (spread === null) return chainStatement(indent, 'await ', mutate, [{ callee: method, args: ['args'] }]);
  const open = `await ${mutate}.${method}(`;
  return `${open}${list(indent, '{', spread, '}', ');', indent.length + open.length)}`;
}

/** `key: value,` for a literal default, the value as the mapper printed it. */
function defaultLine(column: ModelColumn): string {
  const value = (column.clientFill as { tsLiteral: string }).tsLiteral;
  const key = propertyKey(column.name);
  // Prettier moves a long string to the line after its key; chainProperty lays that out.
  return typeof (column.default as { value?: unknown } | null)?.value === 'string' ? `${FIELD}${chainProperty(FIELD, key, value, [])}` : `${FIELD}${key}: ${value},`;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function validatorField(column: ModelColumn, optional: boolean): Field {
  return (indent) => chainProperty(indent, propertyKey(column.name), 'z', argumentValidator(column, optional));
}

/** A column a finder matches on: never null, since `= null` matches nothing in ZQL. */
function keyField(column: ModelColumn): Field {
  return (indent) => chainProperty(indent, propertyKey(column.name), 'z', columnValidator(column));
}

function objectBlock(comment: string, name: string, fields: readonly Field[]): ObjectBlock {
  const label = `export const ${name} = `;
  const at = (indent: string): string[] => fields.map((field) => indent + field(indent));
  // Prettier hugs the object while `… = z.object({` fits; then it breaks the call's argument;
  // when even `… = z.object(` is too long it breaks after `=`.
  if (`${label}z.object({`.length <= PRINT_WIDTH) return { comment, lines: [`${label}z.object({`, ...at(FIELD), '});'] };
  if (`${label}z.object(`.length <= PRINT_WIDTH) {
    return { comment, lines: [`${label}z.object(`, `${INDENT}{`, ...at(INDENT.repeat(2)), `${INDENT}},`, ');'] };
  }
  return { comment, lines: [`export const ${name} =`, `${INDENT}z.object({`, ...at(INDENT.repeat(2)), `${INDENT}});`] };
}

function definition(comment: string, name: string, define: 'defineQuery' | 'defineMutator', args: string | null, body: Body, mutator: boolean): Definition {
  const key = propertyKey(name);
  // A key too long for `key: defineQuery(` moves the whole call to the next line.
  if (`${FIELD}${key}: ${define}(`.length > PRINT_WIDTH) {
    return { comment, lines: [`${FIELD}${key}:`, ...definitionCall(FIELD + INDENT, '', define, args, body, mutator, ',')] };
  }
  return { comment, lines: definitionCall(FIELD, `${key}: `, define, args, body, mutator, ',') };
}

/** `define(args, callback => { … })` at `indent`, the callback hugged while its first line fits. */
function definitionCall(indent: string, prefix: string, define: string, args: string | null, body: Body, mutator: boolean, after: string): string[] {
  const callback = args === null ? '() => {' : mutator ? 'async ({ tx, args }) => {' : '({ args }) => {';
  const hugged = `${indent}${prefix}${define}(${args === null ? '' : `${args}, `}${callback}`;
  if (args === null || hugged.length <= PRINT_WIDTH) return [hugged, ...body(indent + INDENT), `${indent}})${after}`];
  const inner = indent + INDENT;
  return [`${indent}${prefix}${define}(`, `${inner}${args},`, `${inner}${callback}`, ...body(inner + INDENT), `${inner}},`, `${indent})${after}`];
}
