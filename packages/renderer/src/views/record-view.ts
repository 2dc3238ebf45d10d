import type { Model } from '@rr/mapper';

import { INDENT, PRINT_WIDTH, brokenProperty, genericAlias, list } from '../syntax/layout.js';
import { propertyKey, stringLiteral } from '../syntax/literals.js';
import { importStatement } from './imports.js';
import { MUTATORS_FILE, QUERIES_FILE, SCHEMA_FILE, SUPPORT_FILE, modelFile, recordFile, specifier, type ModulePaths } from './module-paths.js';
import { canCreate, facadeFilled, modelVariable } from './model-view.js';

/** What `record.hbs` prints: the ActiveRecord-style facade over a model's queries and mutators. */
export interface RecordView {
  readonly comment: string | null;
  readonly modelName: string;
  readonly recordName: string;
  readonly imports: readonly string[];
  readonly types: readonly string[];
  /** Methods of the facade object, each a list of lines (indented by the template). */
  readonly methods: readonly (readonly string[])[];
  /** Methods of the record class. */
  readonly recordMethods: readonly (readonly string[])[];
  /** `constructor(readonly row: PostRow) {}`, broken when too long. */
  readonly constructorLine: string;
}

export function recordView(model: Model, paths: ModulePaths): RecordView {
  const file = recordFile(model.fileName);
  const { modelName } = model;
  const row = model.typeNames.row;
  const plural = model.zeroName;
  const queries = `queries.${plural}`;
  const mutators = `mutators.${plural}`;
  const single = model.primaryKey.length === 1 ? (model.primaryKey[0] as string) : null;
  const createType = `${modelName}Create`;
  const changesType = `${modelName}Changes`;
  const keyType = `${modelName}Key`;
  const filled = facadeFilled(model);
  const { updatedAt } = model.behaviours.timestamps;
  const softDelete = model.behaviours.softDelete;
  const createArgs = modelVariable(model, 'CreateArgs');
  const updateArgs = modelVariable(model, 'UpdateArgs');
  const keyArgs = modelVariable(model, 'KeyArgs');

  const creatable = canCreate(model);
  const omittedOnCreate = [...filled.uuid, ...filled.now];
  const omittedOnUpdate = [...model.primaryKey, ...(updatedAt === null ? [] : [updatedAt])];
  const quoted = (names: readonly string[]): string => names.map(stringLiteral).join(' | ');
  const typeAlias = (name: string, generic: string, args: readonly string[]): string => genericAlias(`export type ${name}`, generic, args);
  const createTypes = [
    `/** What \`${modelName}.create\` takes: ${omittedOnCreate.length === 0 ? 'the create arguments' : 'it fills client ids and timestamps the caller leaves out'}. */`,
    omittedOnCreate.length === 0
      ? typeAlias(createType, 'z.input', [`typeof ${createArgs}`])
      : typeAlias(createType, 'WithOptional', [`z.input<typeof ${createArgs}>`, quoted(omittedOnCreate)]),
  ];
  const types = [
    ...(creatable ? createTypes : []),
    `/** What \`update\` changes: any column but the primary key${updatedAt === null ? '' : ' and the update time'}. */`,
    typeAlias(changesType, 'Omit', [`z.input<typeof ${updateArgs}>`, quoted(omittedOnUpdate)]),
    '/** The primary key. */',
    typeAlias(keyType, 'z.input', [`typeof ${keyArgs}`]),
  ];

  const keyParam = single === null ? `key: ${keyType}` : `${propertyKey(single)}: ${keyType}[${stringLiteral(single)}]`;
  const keyFields = single === null ? ['...key'] : [propertyKey(single) === single ? single : `${propertyKey(single)}: ${single}`];
  const keyFromRow = model.primaryKey.map((c) => `${propertyKey(c)}: this.row.${c}`);
  const keyArg = single === null ? `{ ${keyFromRow.join(', ')} }` : `this.row.${single}`;

  // Methods sit at one indent (the facade object or the class body), their bodies at two.
  const bodyIndent = INDENT.repeat(2);
  /** `return callee(a, b);`, arguments one per line when it does not fit. */
  const returnCall = (callee: string, args: readonly string[]): string => list(bodyIndent, `return ${callee}(`, args, ')', ';');
  /** `return callee({ a, b });`: Prettier hugs a lone object argument. */
  const returnObject = (callee: string, fields: readonly string[]): string => {
    const open = `return ${callee}(`;
    if (bodyIndent.length + open.length + 1 <= PRINT_WIDTH) return list(bodyIndent, `${open}{`, fields, '})', ';', bodyIndent.length, brokenProperty);
    // When even `return callee({` is too long, the object moves to its own line.
    const inner = bodyIndent + INDENT;
    return `${open}\n${inner}${list(inner, '{', fields, '}', ',', inner.length, brokenProperty)}\n${bodyIndent});`;
  };
  const method = (comment: string, name: string, params: readonly string[], body: readonly string[], close = '},'): string[] => [
    `/** ${comment} */`,
    list(INDENT, `${name}(`, params, ')', ' {'),
    ...body.map((line) => INDENT + line),
    close,
  ];
  // Finder arguments get short local aliases so that method signatures stay short.
  const argTypes = new Map<string, string>();
  const argsOf = (finderName: string): string => {
    const alias = `${upperFirst(finderName)}Args`;
    argTypes.set(alias, genericAlias(`type ${alias}`, 'z.input', [`typeof ${modelVariable(model, alias)}`]));
    return `args: ${alias}`;
  };

  const createBody = (mutator: string): string[] => [
    ...(filled.now.length > 0 ? ['const now = Date.now();'] : []),
    returnObject(`${mutators}.${mutator}`, [
      '...values',
      ...filled.uuid.map((column) => `${propertyKey(column)}: values.${column} ?? crypto.randomUUID()`),
      ...filled.now.map((column) => `${propertyKey(column)}: values.${column} ?? now`),
    ]),
  ];

  const methods: string[][] = [
    method('Every row: a named query for `zero.run`, `zero.materialize` or `useQuery`.', 'all', [], [`return ${queries}.all();`]),
    method('One row by primary key.', 'find', [keyParam], [returnObject(`${queries}.${model.queries.primaryKey.finderName}`, keyFields)]),
  ];
  for (const finder of model.queries.uniqueKeys) {
    const name = `findBy${upperFirst(finder.finderName.replace(/^by/, ''))}`;
    methods.push(method(`One row by its unique ${finder.columns.join(', ')}.`, name, [argsOf(finder.finderName)], [returnCall(`${queries}.${finder.finderName}`, ['args'])]));
  }
  for (const finder of model.queries.belongsTo) {
    if (finder.finderName === model.queries.primaryKey.finderName) continue;
    methods.push(method(`Rows of one ${finder.relationship}.`, finder.finderName, [argsOf(finder.finderName)], [returnCall(`${queries}.${finder.finderName}`, ['args'])]));
  }
  if (softDelete !== null) {
    methods.push(method('Rows not discarded.', 'kept', [], [`return ${queries}.kept();`]));
    methods.push(method('Discarded rows.', 'discarded', [], [`return ${queries}.discarded();`]));
  }
  methods.push(
    method('An ad-hoc query over rows this client already has (`.related`, `.orderBy`, …).', 'query', [], [`return zql.${plural};`]),
    method('Rows matching a condition, over rows this client already has: `where("column", value)`.', 'where', ['...condition: Where'], [
      returnCall(`zql.${plural}.where`, ['...condition']),
    ]),
    ...(creatable ? [method('Inserts a row, filling client ids, timestamps and literal defaults.', 'create', [`values: ${createType}`], createBody('create'))] : []),
    method('Changes some columns of one row.', 'update', [keyParam, `changes: ${changesType}`], [
      returnObject(`${mutators}.update`, ['...changes', ...keyFields, ...(updatedAt === null ? [] : [`${propertyKey(updatedAt)}: Date.now()`])]),
    ]),
    ...(creatable ? [method('Inserts a row, or replaces the one with the same primary key.', 'upsert', [`values: ${createType}`], createBody('upsert'))] : []),
    method('Deletes one row.', 'destroy', [keyParam], [returnObject(`${mutators}.destroy`, keyFields)]),
  );
  if (softDelete !== null) {
    methods.push(
      method('Marks one row discarded.', 'discard', [keyParam], [returnObject(`${mutators}.discard`, [...keyFields, 'at: Date.now()'])]),
      method('Brings a discarded row back.', 'undiscard', [keyParam], [returnObject(`${mutators}.undiscard`, [...keyFields, 'at: Date.now()'])]),
    );
  }
  methods.push(method('Wraps a row read from a query, for `record.update(…)` and friends.', 'record', [`row: ${row}`], [list(bodyIndent, `return new ${modelName}Record(`, ['row'], ')', ';')]));

  const bound = (callee: string, extra: readonly string[]): string => {
    if (single === null && extra.length === 0) return returnObject(callee, keyFromRow);
    const flat = returnCall(callee, [keyArg, ...extra]);
    if (single !== null || !flat.includes('\n')) return flat;
    // Broken arguments: the key object gets its own line, and breaks too when it is still too long.
    const inner = bodyIndent + INDENT;
    const key = list(inner, '{', keyFromRow, '}', ',', inner.length, brokenProperty);
    return `return ${callee}(\n${[key, ...extra.map((arg) => `${arg},`)].map((arg) => `${inner}${arg}`).join('\n')}\n${bodyIndent});`;
  };
  const recordMethods = [
    method('Changes some columns of this row.', 'update', [`changes: ${changesType}`], [bound(`${modelName}.update`, ['changes'])], '}'),
    method('Deletes this row.', 'destroy', [], [bound(`${modelName}.destroy`, [])], '}'),
    ...(softDelete === null
      ? []
      : [
          method('Marks this row discarded.', 'discard', [], [bound(`${modelName}.discard`, [])], '}'),
          method('Brings this row back.', 'undiscard', [], [bound(`${modelName}.undiscard`, [])], '}'),
        ]),
  ];
  argTypes.set('Where', genericAlias('type Where', 'Parameters', [`typeof zql.${plural}.where`]));
  const uniqueArgs = [...model.queries.uniqueKeys, ...model.queries.belongsTo]
    .map((finder) => modelVariable(model, `${upperFirst(finder.finderName)}Args`))
    .filter((name, i, all) => all.indexOf(name) === i && name !== keyArgs);
  return {
    comment: model.comment,
    modelName,
    recordName: `${modelName}Record`,
    imports: [
      importStatement(['z'], 'zod', true),
      '',
      importStatement(
        [...[...(creatable ? [createArgs] : []), keyArgs, updateArgs, ...uniqueArgs].sort().map((name) => `type ${name}`)],
        specifier(file, modelFile(model.fileName), paths),
      ),
      importStatement(['mutators'], specifier(file, MUTATORS_FILE, paths)),
      importStatement(['queries'], specifier(file, QUERIES_FILE, paths)),
      importStatement([`type ${row}`, 'zql'], specifier(file, SCHEMA_FILE, paths)),
      ...(creatable && omittedOnCreate.length > 0 ? [importStatement(['WithOptional'], specifier(file, SUPPORT_FILE, paths), true)] : []),
    ],
    types: [...types, '', ...argTypes.values()],
    methods,
    recordMethods,
    constructorLine: list(INDENT, 'constructor(', [`readonly row: ${row}`], ')', ' {}'),
  };
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
