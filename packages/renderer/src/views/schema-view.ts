import type { EnumUnion, Model, ModelColumn, ModelSet, Relationship, RelationshipHop } from '@rr/mapper';

import { INDENT, PRINT_WIDTH, chainProperty, genericAlias, identifierProperty, list, unionAlias, type Call } from '../syntax/layout.js';
import { propertyKey, stringLiteral } from '../syntax/literals.js';
import type { ModulePaths } from './module-paths.js';
import { importStatement, typeImportsOf } from './imports.js';

/** What `schema.hbs` prints. Lines that depend on their width are laid out here. */
export interface SchemaView {
  readonly imports: readonly string[];
  /** `export type { … };` re-exporting configured types for the model modules, or null. */
  readonly typeExports: string | null;
  readonly enums: readonly { readonly comment: string | null; readonly declaration: string }[];
  readonly tables: readonly TableView[];
  readonly tableList: string;
  readonly relationships: readonly RelationshipsView[];
  /** `export type PostRow = Row<typeof postsTable>;` per model. */
  readonly rowAliases: readonly string[];
}

export interface TableView {
  readonly comment: string | null;
  readonly variable: string;
  /** `export const postsTable = table("posts")`, broken where Prettier breaks it. */
  readonly head: string;
  /** `  .from("blog.posts")` or null. */
  readonly from: string | null;
  /** `  .columns({`, the column lines (with their indent, in spaces, for comments), `  })`. */
  readonly columnsOpen: string;
  readonly columnIndent: number;
  readonly columns: readonly { readonly comment: string | null; readonly line: string }[];
  readonly columnsClose: string;
  /** `.primaryKey("id");` */
  readonly primaryKey: string;
}

export interface RelationshipsView {
  /** `relationships(postsTable, ({ one, many }) => ({` and, when it does not fit, its broken form. */
  readonly open: string;
  readonly close: string;
  /** Indent of the entries, in spaces. */
  readonly indent: number;
  readonly entries: readonly string[];
}

export const tableVariable = (model: Model): string => `${model.zeroName}Table`;

const ZERO_BUILDERS = ['boolean', 'enumeration', 'json', 'number', 'string'] as const;

export function schemaView(modelSet: ModelSet, paths: ModulePaths): SchemaView {
  const builders = new Set<string>();
  for (const model of modelSet.models) for (const column of model.columns) builders.add(column.zero.builder);
  const hasRelationships = modelSet.models.some((model) => model.relationships.length > 0);
  const zeroValues = ['createBuilder', 'createSchema', ...(hasRelationships ? ['relationships'] : []), 'table', ...ZERO_BUILDERS.filter((b) => builders.has(b))];
  const typeImports = typeImportsOf(modelSet.imports, paths);
  const reexported = typeImports.flatMap((group) => group.names);
  const variables = new Map(modelSet.models.map((target) => [target.zeroName, tableVariable(target)]));
  return {
    imports: [
      importStatement([...zeroValues.sort(), ...zeroTypes(modelSet)], '@rocicorp/zero'),
      ...typeImports.map((group) => importStatement(group.names, group.from, true)),
    ],
    typeExports: reexported.length === 0 ? null : `export ${list('', 'type {', reexported, '}', ';', 'export '.length)}`,
    enums: modelSet.enums.map((union) => ({ comment: union.comment, declaration: enumDeclaration(union) })),
    tables: modelSet.models.map(tableView),
    tableList: `tables: ${list(INDENT, '[', modelSet.models.map(tableVariable), ']', ',', INDENT.length + 'tables: '.length)}`,
    relationships: modelSet.models.filter((model) => model.relationships.length > 0).map((model) => relationshipsView(model, variables)),
    rowAliases: modelSet.models.map((model) => genericAlias(`export type ${model.typeNames.row}`, 'Row', [`typeof schema.tables.${model.zeroName}`])),
  };
}

/** `type Row` and any Zero type a column's type names (`ReadonlyJSONValue`). */
function zeroTypes(modelSet: ModelSet): readonly string[] {
  const names = new Set(['Row']);
  for (const { name, from } of modelSet.imports) if (from === '@rocicorp/zero') names.add(name);
  return [...names].sort().map((name) => `type ${name}`);
}

function enumDeclaration(union: EnumUnion): string {
  return unionAlias('', `export type ${union.name}`, union.labels.map(stringLiteral));
}

function tableView(model: Model): TableView {
  const variable = tableVariable(model);
  const label = `export const ${variable} = `;
  const call = list('', 'table(', [stringLiteral(model.zeroName)], ')', '', label.length);
  // The chain always breaks (its columns object does); Prettier keeps its first call beside `=`
  // while `… = table(` fits.
  const besideOperator = label.length + 'table('.length <= PRINT_WIDTH;
  const head = besideOperator ? label + call : `export const ${variable} =\n${INDENT}${list(INDENT, 'table(', [stringLiteral(model.zeroName)], ')')}`;
  const chainIndent = besideOperator ? INDENT : INDENT.repeat(2);
  return {
    comment: model.comment,
    variable,
    head,
    from: model.from === null ? null : `${chainIndent}${list(chainIndent, '.from(', [stringLiteral(model.from)], ')')}`,
    columnsOpen: `${chainIndent}.columns({`,
    columnIndent: chainIndent.length + INDENT.length,
    columns: model.columns.map((column) => ({ comment: column.comment, line: columnLine(column, chainIndent + INDENT) })),
    columnsClose: `${chainIndent}})`,
    primaryKey: `${chainIndent}${list(chainIndent, '.primaryKey(', model.primaryKey.map(stringLiteral), ')', ';')}`,
  };
}

function columnLine(column: ModelColumn, indent: string): string {
  const typeArgument = column.zero.typeArgument;
  const head = typeArgument === null ? `${column.zero.builder}()` : `${column.zero.builder}<${typeArgument}>()`;
  const rest: Call[] = [];
  if (column.from !== null) rest.push({ callee: 'from', args: [stringLiteral(column.from)] });
  if (column.nullable) rest.push({ callee: 'optional', args: [] });
  const key = propertyKey(column.name);
  const labels = column.validation.allowedValues;
  if (column.typeSource === 'check-constraint' && labels !== null && labels.length > 1 && column.validation.arrayDimensions === 0) {
    const union = unionArgument(indent, key, column.zero.builder, labels, rest);
    if (union !== null) return indent + union;
  }
  return indent + chainProperty(indent, key, head, rest);
}

/**
 * A CHECK union as an inline type argument that does not fit on its line: Prettier breaks the
 * type arguments (`builder<` … `>()`), the union one member per line when it is still too long,
 * then puts a member chain's calls on their own lines. Null when the one-line form fits.
 */
function unionArgument(indent: string, key: string, builder: string, labels: readonly string[], rest: readonly Call[]): string | null {
  const members = labels.map(stringLiteral);
  const calls = rest.map((call) => `.${call.callee}(${call.args.join(', ')})`);
  const flat = `${key}: ${builder}<${members.join(' | ')}>()${calls.join('')},`;
  if (indent.length + flat.length <= PRINT_WIDTH) return null;
  const inner = indent + INDENT;
  const union = members.join(' | ');
  const unionLines = inner.length + union.length <= PRINT_WIDTH ? `${inner}${union}` : members.map((member) => `${inner}| ${member}`).join('\n');
  const head = `${key}: ${builder}<\n${unionLines}\n${indent}>()`;
  if (calls.length >= 2) return `${head}\n${calls.map((call, i) => `${inner}${call}${i === calls.length - 1 ? ',' : ''}`).join('\n')}`;
  return `${head}${calls.join('')},`;
}

function relationshipsView(model: Model, variables: ReadonlyMap<string, string>): RelationshipsView {
  const kinds = [...new Set(model.relationships.map((relationship) => relationship.cardinality))].sort();
  const callback = `({ ${kinds.join(', ')} }) => ({`;
  const base = INDENT.repeat(2);
  const hugged = `relationships(${tableVariable(model)}, ${callback}`;
  if (base.length + hugged.length <= PRINT_WIDTH) {
    const indent = base + INDENT;
    return { open: hugged, close: '})),', indent: indent.length, entries: model.relationships.map((r) => relationshipEntry(r, indent, variables)) };
  }
  const inner = base + INDENT;
  const indent = inner + INDENT;
  return {
    open: `relationships(\n${inner}${tableVariable(model)},\n${inner}${callback}`,
    close: `${INDENT}}),\n${base}),`,
    indent: indent.length,
    entries: model.relationships.map((r) => relationshipEntry(r, indent, variables)),
  };
}

function relationshipEntry(relationship: Relationship, indent: string, variables: ReadonlyMap<string, string>): string {
  const key = propertyKey(relationship.name);
  if (relationship.hops.length === 1) {
    return `${key}: ${relationship.cardinality}(${hopObject(relationship.hops[0] as RelationshipHop, indent, variables)}),`;
  }
  const inner = indent + INDENT;
  const hops = relationship.hops.map((hop) => `${inner}${hopObject(hop, inner, variables)},`);
  return `${key}: ${relationship.cardinality}(\n${hops.join('\n')}\n${indent}),`;
}

function hopObject(hop: RelationshipHop, indent: string, variables: ReadonlyMap<string, string>): string {
  const inner = indent + INDENT;
  const field = (name: string, values: readonly string[]): string =>
    `${inner}${name}: ${list(inner, '[', values.map(stringLiteral), ']', ',', inner.length + name.length + 2)}`;
  return [
    '{',
    field('sourceField', hop.sourceField),
    field('destField', hop.destField),
    `${inner}${identifierProperty(inner, 'destSchema', variables.get(hop.destSchema) ?? hop.destSchema)}`,
    `${indent}}`,
  ].join('\n');
}
