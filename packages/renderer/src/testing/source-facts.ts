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
