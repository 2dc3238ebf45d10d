/**
 * Test support: what a generated TypeScript file contains, read with the TypeScript compiler
 * rather than with regular expressions, so that a test sees exactly what a compiler would.
 */

import ts from 'typescript';

export interface SourceFacts {
  readonly sourceFile: ts.SourceFile;
  /** Syntax errors, as `line:column message`. */
  readonly syntaxErrors: readonly string[];
  /** Kinds of the top-level statements (`ImportDeclaration`, …), in order. */
  readonly topLevelKinds: readonly string[];
  /** Every string literal's value (what it parses to, not its source text). */
  readonly strings: readonly string[];
  /** Every comment's source text, each once. */
  readonly comments: readonly string[];
}

// Not in the public API, but the only way to get what the parser itself reported.
interface WithParseDiagnostics {
  readonly parseDiagnostics?: readonly ts.Diagnostic[];
}

export function sourceFacts(path: string, contents: string): SourceFacts {
  const sourceFile = ts.createSourceFile(path, contents, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (sourceFile as unknown as WithParseDiagnostics).parseDiagnostics ?? [];
  const syntaxErrors = diagnostics.map((d) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  const strings: string[] = [];
  const commentsByPosition = new Map<number, string>();
  const addComments = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) commentsByPosition.set(range.pos, contents.slice(range.pos, range.end));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.push(node.text);
    addComments(ts.getLeadingCommentRanges(contents, node.pos));
    addComments(ts.getTrailingCommentRanges(contents, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  addComments(ts.getLeadingCommentRanges(contents, sourceFile.endOfFileToken.pos));
  return {
    sourceFile,
    syntaxErrors,
    topLevelKinds: sourceFile.statements.map(statementKind),
    strings,
    comments: [...commentsByPosition.entries()].sort(([a], [b]) => a - b).map(([, text]) => text),
  };
}

/** A statement's kind by name (`ts.SyntaxKind[kind]` gives aliases such as `FirstStatement`). */
function statementKind(statement: ts.Statement): string {
  if (ts.isImportDeclaration(statement)) return 'ImportDeclaration';
  if (ts.isExportDeclaration(statement)) return 'ExportDeclaration';
  if (ts.isTypeAliasDeclaration(statement)) return 'TypeAliasDeclaration';
  if (ts.isVariableStatement(statement)) return 'VariableStatement';
  if (ts.isClassDeclaration(statement)) return 'ClassDeclaration';
  if (ts.isModuleDeclaration(statement)) return 'ModuleDeclaration';
  if (ts.isFunctionDeclaration(statement)) return 'FunctionDeclaration';
  if (ts.isInterfaceDeclaration(statement)) return 'InterfaceDeclaration';
  return `other (${statement.getText().slice(0, 40)})`;
}

/** The body of a `/** … *\/` comment: its lines without the ` * ` gutter, joined by `\n`. */
export function jsDocBody(comment: string): string | null {
  if (!comment.startsWith('/**') || !comment.endsWith('*/')) return null;
  const inner = comment.slice(3, -2);
  if (!inner.includes('\n')) return inner.trim();
  return inner
    .split('\n')
    .slice(1, -1)
    .map((line) => line.replace(/^\s*\*(?: |$)/, ''))
    .join('\n');
}

/** `z.enum([...])` calls: the string values of each array. */
export function zodEnums(sourceFile: ts.SourceFile): readonly (readonly string[])[] {
  const found: string[][] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'enum' &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'z'
    ) {
      const array = node.arguments[0];
      if (array !== undefined && ts.isArrayLiteralExpression(array)) found.push(array.elements.filter(ts.isStringLiteral).map((e) => e.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The string members of `type <name> = "a" | "b"` (or of a single literal), or null when there is no such alias. */
export function unionAliasMembers(sourceFile: ts.SourceFile, name: string): readonly string[] | null {
  for (const statement of sourceFile.statements) {
    if (!ts.isTypeAliasDeclaration(statement) || statement.name.text !== name) continue;
    return literalUnionMembers(statement.type);
  }
  return null;
}

/** `"a" | "b"` as ["a", "b"]; `never` as []. */
export function literalUnionMembers(type: ts.TypeNode): readonly string[] {
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  return members.flatMap((member) => (ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal) ? [member.literal.text] : []));
}

/** `<builder><T>()` calls with a type argument: builder name and the type argument node. */
export function builderTypeArguments(sourceFile: ts.SourceFile, builder: string): readonly ts.TypeNode[] {
  const found: ts.TypeNode[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === builder && node.typeArguments?.[0] !== undefined) {
      found.push(node.typeArguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The initializer of property `key` in `export const <variable> = { … }`, or undefined. */
export function objectProperty(sourceFile: ts.SourceFile, variable: string, key: string): ts.Expression | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== variable) continue;
      let init = declaration.initializer;
      while (init !== undefined && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
      if (init === undefined || !ts.isObjectLiteralExpression(init)) return undefined;
      for (const property of init.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const name = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : null;
        if (name === key) return property.initializer;
      }
    }
  }
  return undefined;
}

/**
 * Names a file uses as values without declaring or importing them. Generated code refers to
 * nothing but its imports, its own declarations and a few globals, so text that escaped a literal
 * or a comment and became code would show up here (`process`, `require`, `fetch`, …).
 * Property names, declarations and everything in type positions are not uses.
 */
export function freeIdentifiers(sourceFile: ts.SourceFile): ReadonlySet<string> {
  const declared = new Set<string>();
  const used = new Set<string>();
  const declare = (name: ts.BindingName | ts.Identifier | undefined): void => {
    if (name === undefined) return;
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) declare(element.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isTypeParameterDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isHeritageClause(node)) return;
    if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportClause(node)) declare(node.name);
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) declare(node.name);
    if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) declare(node.name);
    if (ts.isIdentifier(node) && isValueUse(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return new Set([...used].filter((name) => !declared.has(name)));
}

function isValueUse(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === node) return false;
  if ((ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name === node) return false;
  return true;
}

/** The kinds of every statement below the top level (function, method and arrow bodies), each once. */
export function nestedStatementKinds(sourceFile: ts.SourceFile): ReadonlySet<string> {
  const kinds = new Set<string>();
  const visit = (node: ts.Node, depth: number): void => {
    if (depth > 0 && isStatementNode(node)) kinds.add(nestedKind(node));
    ts.forEachChild(node, (child) => visit(child, ts.isSourceFile(node) ? 0 : depth + (ts.isBlock(node) ? 1 : 0)));
  };
  visit(sourceFile, 0);
  return kinds;
}

function isStatementNode(node: ts.Node): boolean {
  return ts.isStatement(node) && !ts.isBlock(node);
}

// `ts.SyntaxKind[kind]` names the first and last statement kinds by their range aliases.
function nestedKind(node: ts.Node): string {
  if (ts.isVariableStatement(node)) return 'VariableStatement';
  if (node.kind === ts.SyntaxKind.DebuggerStatement) return 'DebuggerStatement';
  return ts.SyntaxKind[node.kind];
}

/** `export const <variable> = define…({ key: value, … })`: each key with its value's source text. */
export function registryEntries(sourceFile: ts.SourceFile, variable: string): readonly (readonly [string, string])[] {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== variable) continue;
      const call = declaration.initializer;
      const object = call !== undefined && ts.isCallExpression(call) ? call.arguments[0] : undefined;
      if (object === undefined || !ts.isObjectLiteralExpression(object)) return [];
      return object.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(sourceFile), p.initializer.getText(sourceFile)] as const);
    }
  }
  return [];
}

/** Imported name → module specifier, over every import declaration. */
export function importedFrom(sourceFile: ts.SourceFile): ReadonlyMap<string, string> {
  const imports = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings !== undefined && ts.isNamedImports(bindings)) for (const element of bindings.elements) imports.set(element.name.text, statement.moduleSpecifier.text);
  }
  return imports;
}

/** The module specifiers of every `export … from "…"`, in order. */
export function reexportedModules(sourceFile: ts.SourceFile): readonly string[] {
  return sourceFile.statements.flatMap((s) => (ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined && ts.isStringLiteral(s.moduleSpecifier) ? [s.moduleSpecifier.text] : []));
}

/** The source text of every expression statement, at any depth. */
export function expressionStatements(sourceFile: ts.SourceFile): readonly string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) found.push(node.expression.getText(sourceFile));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
