import { mapSchema, type Model, type ModelSet } from '@rr/mapper';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { docComment, renderModelSet } from './index.js';
import { col, enumType, mulberry32, snapshot, table, type SchemaSnapshot, type Table } from './testing/snapshot.js';
import {
  builderTypeArguments,
  expressionStatements,
  freeIdentifiers,
  importedFrom,
  jsDocBody,
  literalUnionMembers,
  nestedStatementKinds,
  objectProperty,
  reexportedModules,
  registryEntries,
  sourceFacts,
  unionAliasMembers,
  zodEnums,
  type SourceFacts,
} from './testing/source-facts.js';

/**
 * Database text reaches the generated code as identifiers (through the mapper), string literals
 * and comments. Whatever the text, every file must parse, every value must come back exactly,
 * and nothing may escape a literal or a comment. The inputs are random but seeded, so a failure
 * always reproduces with the seed it prints.
 */

// Pieces chosen to end strings and comments, start lines, inject code, reorder what a reader
// sees, or be miscounted by width measurements.
const NASTY = [
  "'", '"', '`', '\\', '*/', '/*', '${', '</script>', '\n', '\r', '\r\n', '\u2028', '\u2029',
  '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\u2069', '\u200f', '\ufeff',
  '😀', '👩‍👩‍👧', '漢字', 'テ', 'e\u0301', '\u0301', '//', '-->', '}', '{', ')', '(', ';', '@', '\t', ' ',
  'a', 'Z', '_', '0', 'id', 'name', 'x',
  // Names every object inherits, and the prototype hooks.
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf',
  // Payloads that close a string, a template, a comment or a line and run code: if one ever got
  // out, the file would hold a debugger statement or a call of a name it never declared.
  "';debugger;'", '";debugger;"', '`;debugger;`', '*/debugger;/*', '\ndebugger;\n', '${process.exit(1)}', "');require('fs');('", '\u0027);fetch(1);//',
] as const;

const IDENTIFIER_BYTES = 63;
const ITERATIONS = 200;

/** Bidirectional controls and line separators that must never appear unescaped in output. */
const INVISIBLE_CONTROLS = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** A random nasty string of at most `maxBytes` UTF-8 bytes (Postgres names are limited in bytes, not characters). */
function nastyText(random: Random, maxPieces: number, maxBytes = Number.POSITIVE_INFINITY, alphabet: readonly string[] = NASTY): string {
  let text = '';
  const pieces = between(random, 1, maxPieces);
  for (let i = 0; i < pieces; i++) {
    const piece = pick(random, alphabet);
    if (Buffer.byteLength(text + piece, 'utf8') > maxBytes) break;
    text += piece;
  }
  return text === '' ? 'x' : text;
}

/** `count` distinct names, none in `taken`. */
function distinctNames(random: Random, count: number, taken: Set<string>, alphabet: readonly string[] = NASTY): string[] {
  const names: string[] = [];
  while (names.length < count) {
    const name = nastyText(random, 8, IDENTIFIER_BYTES, alphabet);
    if (taken.has(name)) continue;
    taken.add(name);
    names.push(name);
  }
  return names;
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteText = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const maybe = <T>(random: Random, value: () => T): T | null => (random() < 0.7 ? value() : null);

interface Case {
  readonly snapshot: SchemaSnapshot;
  readonly enumName: string;
  readonly enumLabels: readonly string[];
  readonly enumComment: string | null;
  /** Per table: the columns whose values the test follows. */
  readonly tables: readonly {
    readonly name: string;
    readonly comment: string | null;
    readonly textColumn: string;
    readonly textDefault: string;
    readonly enumColumn: string;
    readonly enumDefault: string;
    readonly checkColumn: string;
    readonly checkLabels: readonly string[];
    readonly checkDefault: string;
    readonly columnComments: ReadonlyMap<string, string>;
  }[];
}

function randomCase(seed: number): Case {
  const random = mulberry32(seed);
  const [enumName] = distinctNames(random, 1, new Set()) as [string];
  const enumLabels = distinctNames(random, between(random, 1, 4), new Set());
  const enumComment = maybe(random, () => nastyText(random, 12));
  const tableNames = distinctNames(random, between(random, 1, 3), new Set(), NASTY);
  const cases = tableNames.map((name, index) => {
    const taken = new Set(['id']);
    const [checkColumn] = distinctNames(random, 1, taken, NASTY) as [string];
    const [textColumn, enumColumn, extra, reference] = distinctNames(random, 4, taken) as [string, string, string, string];
    const checkLabels = Array.from({ length: between(random, 1, 4) }, () => nastyText(random, 6));
    const columnComments = new Map<string, string>();
    for (const column of [textColumn, enumColumn, checkColumn, extra]) {
      const comment = maybe(random, () => nastyText(random, 12));
      if (comment !== null) columnComments.set(column, comment);
    }
    const textDefault = nastyText(random, 10);
    const enumDefault = pick(random, enumLabels);
    const checkDefault = pick(random, checkLabels);
    const columns = [
      col('id', 'uuid', { default: 'gen_random_uuid()' }),
      col(textColumn, 'text', { notNull: true, default: `${quoteText(textDefault)}::text`, comment: columnComments.get(textColumn) ?? null }),
      col(enumColumn, `enum:${enumName}`, { notNull: true, default: `${quoteText(enumDefault)}::${quoteIdent(enumName)}`, comment: columnComments.get(enumColumn) ?? null }),
      col(checkColumn, 'varchar', { notNull: true, default: `${quoteText(checkDefault)}::character varying`, comment: columnComments.get(checkColumn) ?? null }),
      col(extra, 'text', { comment: columnComments.get(extra) ?? null }),
      ...(index > 0 ? [col(reference, 'uuid')] : []),
    ];
    const array = checkLabels.map((label) => `${quoteText(label)}::character varying`).join(', ');
    const comment = maybe(random, () => nastyText(random, 12));
    const built: Table = table(name, columns, {
      comment,
      checks: [{ expression: `CHECK (((${quoteIdent(checkColumn)})::text = ANY ((ARRAY[${array}])::text[])))`, columns: [checkColumn] }],
      fks: index > 0 ? [{ columns: [reference], table: tableNames[0] as string }] : [],
    });
    return { table: built, info: { name, comment, textColumn, textDefault, enumColumn, enumDefault, checkColumn, checkLabels, checkDefault, columnComments } };
  });
  return {
    snapshot: snapshot({ enums: [enumType(enumName, enumLabels, enumComment)], tables: cases.map((c) => c.table) }),
    enumName,
    enumLabels,
    enumComment,
    tables: cases.map((c) => c.info),
  };
}

const TOP_LEVEL: Readonly<Record<string, readonly string[]>> = {
  // support.ts is the one module with a function; nothing else may hold a statement that runs.
  'support.ts': ['FunctionDeclaration', 'TypeAliasDeclaration'],
  'schema.ts': ['ImportDeclaration', 'ExportDeclaration', 'TypeAliasDeclaration', 'VariableStatement', 'ModuleDeclaration'],
  'index.ts': ['ExportDeclaration'],
  'queries.ts': ['ImportDeclaration', 'VariableStatement'],
  'mutators.ts': ['ImportDeclaration', 'VariableStatement'],
  model: ['ImportDeclaration', 'TypeAliasDeclaration', 'VariableStatement'],
  record: ['ImportDeclaration', 'TypeAliasDeclaration', 'VariableStatement', 'ClassDeclaration'],
};

/** Statements inside function, method and arrow bodies: what the templates write, nothing else. */
const NESTED: Readonly<Record<string, readonly string[]>> = {
  'support.ts': ['VariableStatement', 'ForOfStatement', 'IfStatement', 'ExpressionStatement', 'ReturnStatement'],
  model: ['ReturnStatement', 'ExpressionStatement'],
  record: ['ReturnStatement', 'VariableStatement'],
};

/** The only globals generated code uses: clocks and ids in the record facades, key listing in support. */
const GLOBALS: ReadonlySet<string> = new Set(['Date', 'crypto', 'Object', 'undefined']);

function allowedNested(path: string): readonly string[] {
  if (path.startsWith('models/')) return NESTED['model'] as readonly string[];
  if (path.startsWith('records/')) return NESTED['record'] as readonly string[];
  return NESTED[path] ?? [];
}

function allowedTopLevel(path: string): readonly string[] {
  if (path.startsWith('models/')) return TOP_LEVEL['model'] as readonly string[];
  if (path.startsWith('records/')) return TOP_LEVEL['record'] as readonly string[];
  return TOP_LEVEL[path] ?? [];
}

/** The JSDoc body the renderer documents for `text` (docComment's sanitising), or null when it prints none. */
function expectedDoc(text: string | null): string | null {
  const doc = docComment(text, '');
  return doc === '' ? null : jsDocBody(doc.trimEnd());
}

const docBodies = (facts: SourceFacts): readonly (string | null)[] => facts.comments.map(jsDocBody);

function modelFor(modelSet: ModelSet, tableName: string): Model {
  const model = modelSet.models.find((candidate) => candidate.table === tableName);
  if (model === undefined) throw new Error(`no model for table ${JSON.stringify(tableName)}`);
  return model;
}

function clientName(model: Model, serverName: string): string {
  const column = model.columns.find((candidate) => candidate.serverName === serverName);
  if (column === undefined) throw new Error(`${model.key}: no column ${JSON.stringify(serverName)}`);
  return column.name;
}

/** Every check of one case; returns normally when the output is sound. */
function checkCase(input: Case): void {
  const modelSet = mapSchema(input.snapshot);
  const { files } = renderModelSet(modelSet);
  const facts = new Map(files.map((file) => [file.path, sourceFacts(file.path, file.contents)]));

  for (const file of files) {
    const fileFacts = facts.get(file.path) as SourceFacts;
    expect(fileFacts.syntaxErrors, `${file.path} parses`).toEqual([]);
    const allowed = allowedTopLevel(file.path);
    expect(fileFacts.topLevelKinds.filter((kind) => !allowed.includes(kind)), `${file.path}: top-level statements`).toEqual([]);
    const nested = allowedNested(file.path);
    expect([...nestedStatementKinds(fileFacts.sourceFile)].filter((kind) => !nested.includes(kind)), `${file.path}: statements in bodies`).toEqual([]);
    expect([...freeIdentifiers(fileFacts.sourceFile)].filter((name) => !GLOBALS.has(name)), `${file.path}: undeclared names`).toEqual([]);
    if (file.path !== 'support.ts') {
      // The one statement that is not a declaration or a return: a mutator's write.
      const writes = expressionStatements(fileFacts.sourceFile).filter((text) => !/^await tx\.mutate\.[A-Za-z_][A-Za-z0-9_]*\.(?:insert|update|upsert|delete)\(/.test(text));
      expect(writes, `${file.path}: expression statements`).toEqual([]);
    }
    for (const comment of fileFacts.comments) {
      expect(INVISIBLE_CONTROLS.test(comment), `${file.path}: comment ${JSON.stringify(comment)} holds an invisible control`).toBe(false);
    }
    // String literals escape everything outside printable ASCII, so the raw text must not hold one either.
    const raw = INVISIBLE_CONTROLS.exec(file.contents);
    expect(raw === null ? null : JSON.stringify(file.contents.slice(Math.max(0, raw.index - 40), raw.index + 10)), `${file.path}: raw invisible control`).toBeNull();
  }

  checkModules(modelSet, facts);
  const schema = facts.get('schema.ts') as SourceFacts;
  const schemaStrings = new Set(schema.strings);
  const union = modelSet.enums.find((candidate) => candidate.pgName === input.enumName);
  expect(union, 'the enum is mapped').toBeDefined();
  expect(unionAliasMembers(schema.sourceFile, (union as { name: string }).name), 'enum union').toEqual(input.enumLabels);
  const enumDoc = expectedDoc(input.enumComment);
  if (enumDoc !== null) expect(docBodies(schema)).toContain(enumDoc);

  const checkUnions = builderTypeArguments(schema.sourceFile, 'enumeration').map(literalUnionMembers);
  for (const info of input.tables) {
    const model = modelFor(modelSet, info.name);
    // The database name reaches the client either as the Zero name or through `.from("…")`.
    expect(model.zeroName === info.name || schemaStrings.has(info.name), `table name ${JSON.stringify(info.name)}`).toBe(true);
    for (const column of model.columns) {
      expect(column.name === column.serverName || schemaStrings.has(column.serverName), `column name ${JSON.stringify(column.serverName)}`).toBe(true);
    }
    const tableDoc = expectedDoc(info.comment);
    if (tableDoc !== null) {
      expect(docBodies(schema), 'table comment in the schema').toContain(tableDoc);
      expect(docBodies(facts.get(`records/${model.fileName}.ts`) as SourceFacts), 'table comment on the facade').toContain(tableDoc);
    }
    for (const [, comment] of info.columnComments) {
      const columnDoc = expectedDoc(comment);
      if (columnDoc !== null) expect(docBodies(schema), 'column comment').toContain(columnDoc);
    }

    const checkColumn = model.columns.find((column) => column.serverName === info.checkColumn);
    const checkLabels = [...new Set(info.checkLabels)];
    expect(checkColumn?.validation.allowedValues, 'CHECK union read by the mapper').toEqual(checkLabels);
    expect(checkUnions, 'CHECK union in enumeration<…>').toContainEqual(checkLabels);
    const modelFacts = facts.get(`models/${model.fileName}.ts`) as SourceFacts;
    const enums = zodEnums(modelFacts.sourceFile);
    expect(enums, 'enum labels in z.enum').toContainEqual(input.enumLabels);
    expect(enums, 'CHECK labels in z.enum').toContainEqual(checkLabels);

    const defaults = `${model.singularName}Defaults`;
    for (const [column, value] of [
      [info.textColumn, info.textDefault],
      [info.enumColumn, info.enumDefault],
      [info.checkColumn, info.checkDefault],
    ] as const) {
      const literal = objectProperty(modelFacts.sourceFile, defaults, clientName(model, column));
      expect(literal !== undefined && ts.isStringLiteral(literal) ? literal.text : literal?.getText(), `default of ${JSON.stringify(column)}`).toBe(value);
    }
  }
}

/** Database text reaches the registries, the index and the facades only through mapped names. */
function checkModules(modelSet: ModelSet, facts: ReadonlyMap<string, SourceFacts>): void {
  const fact = (path: string): SourceFacts => facts.get(path) as SourceFacts;
  expect(fact('support.ts').sourceFile.text, 'support.ts holds no database text').toBe(PLAIN_SUPPORT);
  const models = [...modelSet.models].sort((a, b) => (a.zeroName < b.zeroName ? -1 : 1));
  for (const [path, variable, suffix] of [['queries.ts', 'queries', 'Queries'], ['mutators.ts', 'mutators', 'Mutators']] as const) {
    const entries = registryEntries(fact(path).sourceFile, variable);
    const imports = importedFrom(fact(path).sourceFile);
    expect(entries.map(([key]) => key).sort(), `${path}: one entry per model`).toEqual(models.map((m) => m.zeroName).sort());
    for (const [key, value] of entries) {
      const model = models.find((m) => m.zeroName === key) as Model;
      expect(value.endsWith(suffix), `${path}: ${key}`).toBe(true);
      expect(imports.get(value), `${path}: ${value} comes from its model`).toBe(`./models/${model.fileName}.js`);
    }
  }
  const modules = ['./schema.js', './queries.js', './mutators.js', ...models.flatMap((m) => [`./models/${m.fileName}.js`, `./records/${m.fileName}.js`])];
  expect([...reexportedModules(fact('index.ts').sourceFile)].sort(), 'index.ts re-exports every module').toEqual(modules.sort());
  for (const model of models) {
    const record = fact(`records/${model.fileName}.ts`);
    const declared = record.sourceFile.statements.flatMap((s) =>
      ts.isVariableStatement(s) ? s.declarationList.declarations.map((d) => d.name.getText(record.sourceFile)) : ts.isClassDeclaration(s) && s.name ? [s.name.text] : [],
    );
    expect(declared, `records/${model.fileName}.ts declares the facade and the record class`).toEqual(expect.arrayContaining([model.modelName, `${model.modelName}Record`]));
    expect(record.sourceFile.text, `records/${model.fileName}.ts queries its own table`).toContain(`queries.${model.zeroName}.all()`);
  }
}

const PLAIN_SUPPORT = (renderModelSet(mapSchema(snapshot({ tables: [table('plain', [col('id', 'uuid')])] }))).files.find((f) => f.path === 'support.ts') as { contents: string }).contents;

describe('database text in generated code', () => {
  it(`parses and round-trips for ${ITERATIONS} seeded random schemas`, () => {
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const input = randomCase(seed);
      try {
        checkCase(input);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`seed ${seed}: ${message}`, { cause: error });
      }
    }
  });

  it('the checks see an injected statement: a debugger, a call of an undeclared name, an expression statement', () => {
    const { files } = renderModelSet(mapSchema(snapshot({ tables: [table('notes', [col('id', 'uuid'), col('body', 'text', { default: "'x'::text" })])] })));
    const model = files.find((f) => f.path === 'models/note.ts') as { path: string; contents: string };
    const injected = model.contents.replace('return zql.notes;', 'debugger; process.exit(1); return zql.notes;');
    expect(injected).not.toBe(model.contents);
    const facts = sourceFacts(model.path, injected);
    expect([...nestedStatementKinds(facts.sourceFile)]).toEqual(expect.arrayContaining(['DebuggerStatement', 'ExpressionStatement']));
    expect([...freeIdentifiers(facts.sourceFile)]).toContain('process');
    expect(expressionStatements(facts.sourceFile)).toContain('process.exit(1)');
    expect([...freeIdentifiers(sourceFacts(model.path, model.contents).sourceFile)].filter((name) => !GLOBALS.has(name))).toEqual([]);
  });

  it('keeps a comment that tries to close itself and reorder the line inside the comment', () => {
    const text = 'ok */ export const pwned = 1; /* \u202e\u2066 evil \u2069';
    const input = snapshot({ tables: [table('notes', [col('id', 'uuid'), col('body', 'text', { comment: text })], { comment: text })] });
    const { files } = renderModelSet(mapSchema(input));
    for (const file of files) {
      const facts = sourceFacts(file.path, file.contents);
      expect(facts.syntaxErrors).toEqual([]);
      expect(file.contents).not.toMatch(/^export const pwned/m);
    }
  });
});
