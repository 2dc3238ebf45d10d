import type { Model } from '@rr/mapper';

import { INDENT, list, typeArguments } from '../syntax/layout.js';
import { propertyKey, stringLiteral } from '../syntax/literals.js';
import { importStatement } from './imports.js';
import { MUTATORS_FILE, QUERIES_FILE, SCHEMA_FILE, SUPPORT_FILE, modelFile, recordFile, specifier, type ModulePaths } from './module-paths.js';
import { facadeFilled, modelVariable } from './model-view.js';

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
  readonly rowType: string;
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

  const omittedOnCreate = [...filled.uuid, ...filled.now];
  const omittedOnUpdate = [...model.primaryKey, ...(updatedAt === null ? [] : [updatedAt])];
  const quoted = (names: readonly string[]): string => names.map(stringLiteral).join(' | ');
  const typeAlias = (name: string, generic: string, args: readonly string[]): string => {
    const head = `export type ${name} = `;
    return head + typeArguments('', `${generic}<`, args, '>', ';', head.length);
  };
  const types = [
    `/** What \`${modelName}.create\` takes: ${omittedOnCreate.length === 0 ? 'the create arguments' : 'it fills client ids and timestamps the caller leaves out'}. */`,
    omittedOnCreate.length === 0
      ? typeAlias(createType, 'z.input', [`typeof ${createArgs}`])
      : typeAlias(createType, 'WithOptional', [`z.input<typeof ${createArgs}>`, quoted(omittedOnCreate)]),
    `/** What \`update\` changes: any column but the primary key${updatedAt === null ? '' : ' and the update time'}. */`,
    typeAlias(changesType, 'Omit', [`z.input<typeof ${updateArgs}>`, quoted(omittedOnUpdate)]),
    '/** The primary key. */',
    typeAlias(keyType, 'z.input', [`typeof ${keyArgs}`]),
  ];

  const keyParam = single === null ? `key: ${keyType}` : `${propertyKey(single)}: ${keyType}[${stringLiteral(single)}]`;
  const keyObject = single === null ? '...key' : single;
  const keyFromRow = single === null ? model.primaryKey.map((c) => `${propertyKey(c)}: this.row.${c}`).join(', ') : `this.row.${single}`;
  const keyArg = single === null ? `{ ${keyFromRow} }` : keyFromRow;

  const nowLine = filled.now.length > 0 ? ['const now = Date.now();'] : [];
  const createBody = (mutator: string): string[] => [
    ...nowLine,
    `return ${mutators}.${mutator}({`,
    `${INDENT}...values,`,
    ...filled.uuid.map((column) => `${INDENT}${propertyKey(column)}: values.${column} ?? crypto.randomUUID(),`),
    ...filled.now.map((column) => `${INDENT}${propertyKey(column)}: values.${column} ?? now,`),
    '});',
  ];
  const method = (comment: string, signature: string, body: readonly string[]): string[] => [`/** ${comment} */`, `${signature} {`, ...body.map((line) => INDENT + line), '},'];

  const methods: string[][] = [
    method('Every row: a named query for `zero.run`, `zero.materialize` or `useQuery`.', 'all()', [`return ${queries}.all();`]),
    method('One row by primary key.', `find(${keyParam})`, [`return ${queries}.${model.queries.primaryKey.finderName}({ ${keyObject} });`]),
  ];
  for (const finder of model.queries.uniqueKeys) {
    methods.push(method(`One row by its unique ${finder.columns.join(', ')}.`, `findBy${upperFirst(finder.finderName.replace(/^by/, ''))}(args: z.input<typeof ${modelVariable(model, `${upperFirst(finder.finderName)}Args`)}>)`, [
      `return ${queries}.${finder.finderName}(args);`,
    ]));
  }
  for (const finder of model.queries.belongsTo) {
    if (finder.finderName === model.queries.primaryKey.finderName) continue;
    methods.push(method(`Rows of one ${finder.relationship}.`, `${finder.finderName}(args: z.input<typeof ${modelVariable(model, `${upperFirst(finder.finderName)}Args`)}>)`, [
      `return ${queries}.${finder.finderName}(args);`,
    ]));
  }
  if (softDelete !== null) {
    methods.push(method('Rows not discarded.', 'kept()', [`return ${queries}.kept();`]));
    methods.push(method('Discarded rows.', 'discarded()', [`return ${queries}.discarded();`]));
  }
  methods.push(
    method('An ad-hoc query over rows this client already has (`.related`, `.orderBy`, …).', 'query()', [`return zql.${plural};`]),
    method('Rows matching a condition, over rows this client already has: `where("column", value)`.', `where(...condition: Parameters<typeof zql.${plural}.where>)`, [
      `return zql.${plural}.where(...condition);`,
    ]),
    method('Inserts a row, filling client ids, timestamps and literal defaults.', `create(values: ${createType})`, createBody('create')),
    method(
      'Changes some columns of one row.',
      `update(${keyParam}, changes: ${changesType})`,
      updatedAt === null
        ? [`return ${mutators}.update({ ...changes, ${keyObject} });`]
        : [`return ${mutators}.update({`, `${INDENT}...changes,`, `${INDENT}${keyObject},`, `${INDENT}${propertyKey(updatedAt)}: Date.now(),`, '});'],
    ),
    method('Inserts a row, or replaces the one with the same primary key.', `upsert(values: ${createType})`, createBody('upsert')),
    method('Deletes one row.', `destroy(${keyParam})`, [`return ${mutators}.destroy({ ${keyObject} });`]),
  );
  if (softDelete !== null) {
    methods.push(
      method('Marks one row discarded.', `discard(${keyParam})`, [`return ${mutators}.discard({ ${keyObject}, at: Date.now() });`]),
      method('Brings a discarded row back.', `undiscard(${keyParam})`, [`return ${mutators}.undiscard({ ${keyObject}, at: Date.now() });`]),
    );
  }
  methods.push(method(`Wraps a row read from a query, for \`record.update(…)\` and friends.`, `record(row: ${row})`, [`return new ${modelName}Record(row);`]));

  // Record methods sit two levels deep: the class body, then the method body.
  const bodyIndent = INDENT.repeat(2);
  const returnCall = (callee: string, args: readonly string[]): string => list(bodyIndent, `return ${callee}(`, args, ')', ';');
  const recordMethod = (comment: string, signature: string, callee: string, args: readonly string[]): string[] => [
    `/** ${comment} */`,
    `${signature} {`,
    `${INDENT}${returnCall(callee, args)}`,
    '}',
  ];
  const recordMethods = [
    recordMethod('Changes some columns of this row.', `update(changes: ${changesType})`, `${modelName}.update`, [keyArg, 'changes']),
    recordMethod('Deletes this row.', 'destroy()', `${modelName}.destroy`, [keyArg]),
    ...(softDelete === null
      ? []
      : [
          recordMethod('Marks this row discarded.', 'discard()', `${modelName}.discard`, [keyArg]),
          recordMethod('Brings this row back.', 'undiscard()', `${modelName}.undiscard`, [keyArg]),
        ]),
  ];
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
      ...(omittedOnCreate.length === 0 ? [] : [importStatement(['WithOptional'], specifier(file, SUPPORT_FILE, paths), true)]),
      '',
      importStatement(
        [...[createArgs, keyArgs, updateArgs, ...uniqueArgs].sort().map((name) => `type ${name}`)],
        specifier(file, modelFile(model.fileName), paths),
      ),
      importStatement(['mutators'], specifier(file, MUTATORS_FILE, paths)),
      importStatement(['queries'], specifier(file, QUERIES_FILE, paths)),
      importStatement([`type ${row}`, 'zql'], specifier(file, SCHEMA_FILE, paths)),
    ],
    types,
    methods,
    recordMethods,
    rowType: row,
  };
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
