/**
 * Line layout that matches Prettier's defaults (print width 80, two-space indent, trailing
 * commas) for the few constructs whose shape depends on their width. Everything else in the
 * templates is written in a shape Prettier keeps whatever the width (objects broken after `{`,
 * one statement per line), so generated files pass `prettier --check` without running Prettier.
 *
 * Widths are string lengths: every fragment measured here is ASCII, because string literals
 * escape everything else (see literals.ts).
 */

export const PRINT_WIDTH = 80;
export const INDENT = '  ';

/** Prettier treats a lone string argument up to a quarter of the print width as "short". */
const SHORT_ARGUMENT_WIDTH = PRINT_WIDTH / 4;

function fits(column: number, text: string): boolean {
  return column + text.length <= PRINT_WIDTH;
}

/**
 * `open a, b, c close` on one line when it fits at `indent` (with `after` following it), else one
 * item per line with a trailing comma: the shape of import lists, call arguments and arrays.
 * Braces (`{`) get a space inside them on one line, as Prettier prints object-like lists.
 */
export function list(
  indent: string,
  open: string,
  items: readonly string[],
  close: string,
  after = '',
  column = indent.length,
  broken: (item: string, indent: string) => string = (item) => item,
): string {
  const pad = open.endsWith('{') ? ' ' : '';
  const flat = items.length === 0 ? `${open}${close}` : `${open}${pad}${items.join(', ')}${pad}${close}`;
  if (items.length === 0 || fits(column, flat + after)) return flat + after;
  const inner = indent + INDENT;
  return `${open}\n${items.map((item) => `${inner}${broken(item, inner)},`).join('\n')}\n${indent}${close}${after}`;
}

/**
 * An object property `key: a.b.c` on a line of its own: Prettier moves a member expression that
 * does not fit beside its key to the next line.
 */
export function brokenProperty(item: string, indent: string): string {
  const colon = item.indexOf(': ');
  if (colon < 0 || fits(indent.length, `${item},`)) return item;
  return `${item.slice(0, colon)}:\n${indent}${INDENT}${item.slice(colon + 2)}`;
}

/** `Name<A, B>` type arguments: like `list`, but Prettier puts no comma after the last one. */
export function typeArguments(indent: string, open: string, items: readonly string[], close: string, after = '', column = indent.length): string {
  const flat = `${open}${items.join(', ')}${close}`;
  if (fits(column, flat + after)) return flat + after;
  const inner = indent + INDENT;
  return `${open}\n${items.map((item) => inner + brokenArgument(inner, item)).join(',\n')}\n${indent}${close}${after}`;
}

/** A type argument that does not fit on its line: a union one member per line, `G<T>` broken inside. */
function brokenArgument(indent: string, item: string): string {
  if (fits(indent.length, `${item},`)) return item;
  const generic = /^([A-Za-z_$][\w$.]*)<(.*)>$/.exec(item);
  if (generic !== null) return typeArguments(indent, `${generic[1]}<`, [generic[2] as string], '>');
  return brokenUnion(indent, item);
}

/** A union type argument that does not fit on its line: one member per line, each after `| `. */
function brokenUnion(indent: string, item: string): string {
  const members = item.split(' | ');
  if (members.length < 2 || fits(indent.length, `${item},`)) return item;
  return members.map((member, i) => `${i === 0 ? '' : indent}| ${member}`).join('\n');
}

/**
 * `export type Name = Generic<A, B>;`, breaking the type arguments as Prettier does, and first
 * after `=` when even `… = Generic<` does not fit.
 */
export function genericAlias(head: string, generic: string, args: readonly string[]): string {
  const label = `${head} = `;
  if (fits(0, `${label}${generic}<`)) return label + typeArguments('', `${generic}<`, args, '>', ';', label.length);
  return `${head} =\n${INDENT}${typeArguments(INDENT, `${generic}<`, args, '>', ';')}`;
}

/** `key: value,` where the value is a plain identifier: on the next line when it does not fit. */
export function identifierProperty(indent: string, key: string, value: string, after = ','): string {
  const flat = `${key}: ${value}${after}`;
  return fits(indent.length, flat) ? flat : `${key}:\n${indent}${INDENT}${value}${after}`;
}

/** `export type Name = A | B;`, broken after `=` and then before each `|` as Prettier does. */
export function unionAlias(indent: string, head: string, members: readonly string[]): string {
  const flat = `${head} = ${members.length === 0 ? 'never' : members.join(' | ')};`;
  if (members.length === 0 || fits(indent.length, flat)) return flat;
  const inner = indent + INDENT;
  const afterOperator = `${members.join(' | ')};`;
  if (members.length === 1 || fits(inner.length, afterOperator)) return `${head} =\n${inner}${afterOperator}`;
  return `${head} =\n${members.map((member) => `${inner}| ${member}`).join('\n')};`;
}

/** One call in a chain: `.callee(args)`. */
export interface Call {
  /** `from`, `optional`, `where`, `string`. */
  readonly callee: string;
  readonly args: readonly string[];
  /** When set, the only argument is this array literal, hugged as `callee([` … `])`. */
  readonly array?: readonly string[];
}

function printCall(call: Call): string {
  if (call.array !== undefined) return `${call.callee}([${call.array.join(', ')}])`;
  return `${call.callee}(${call.args.join(', ')})`;
}

/** A call whose arguments did not fit: one per line, or a hugged array one item per line. */
function brokenCall(indent: string, call: Call, after: string, column: number): string {
  if (call.array !== undefined) return `${call.callee}(${list(indent, '[', call.array, ']', `)${after}`, column + call.callee.length + 1)}`;
  return list(indent, `${call.callee}(`, call.args, ')', after, column);
}

/**
 * A chain is its first group (`zql.posts`, `string()`, `z`) and then calls. With two calls or
 * more Prettier treats it as a "member chain": one line if it fits, else one call per line.
 */
function printChain(head: string, rest: readonly Call[]): string {
  return head + rest.map((call) => `.${printCall(call)}`).join('');
}

/** A call Prettier will not break well: no arguments or one short one. */
function isPoorlyBreakable(call: Call): boolean {
  if (call.array !== undefined) return false;
  if (call.args.length === 0) return true;
  return call.args.length === 1 && (call.args[0] as string).length <= SHORT_ARGUMENT_WIDTH;
}

/**
 * `key: head.a().b(),` inside a broken object, laid out as Prettier lays out a property whose
 * value is a call chain of simple arguments: on one line when it fits; a member chain one call
 * per line; a value that cannot break well on the next line; otherwise the last call's
 * arguments one per line.
 */
export function chainProperty(indent: string, key: string, head: string, rest: readonly Call[], after = ','): string {
  const label = `${key}: `;
  const flat = printChain(head, rest);
  if (fits(indent.length, label + flat + after)) return label + flat + after;
  const inner = indent + INDENT;
  // Prettier never moves the value of a key shorter than five characters to its own line.
  const shortKey = key.length < 5;
  if (rest.length >= 2) {
    if (shortKey || fits(indent.length, label + head)) return label + expandedChain(indent, head, rest, after);
    if (fits(inner.length, flat + after)) return `${key}:\n${inner}${flat}${after}`;
    return `${key}:\n${inner}${expandedChain(inner, head, rest, after)}`;
  }
  if (rest.every(isPoorlyBreakable)) return shortKey ? label + flat + after : `${key}:\n${inner}${flat}${after}`;
  const last = rest[rest.length - 1] as Call;
  const before = `${head}.${last.callee}(`;
  if (shortKey || fits(indent.length, label + before)) return `${label}${head}.${brokenCall(indent, last, after, indent.length + label.length + head.length + 1)}`;
  return `${key}:\n${inner}${head}.${brokenCall(inner, last, after, inner.length + head.length + 1)}`;
}

/** `prefix head.a().b()after` as a statement (`return …;`): one line, member chain, or broken arguments. */
export function chainStatement(indent: string, prefix: string, head: string, rest: readonly Call[], after = ';'): string {
  const flat = printChain(head, rest);
  if (fits(indent.length, prefix + flat + after)) return prefix + flat + after;
  if (rest.length >= 2) return prefix + expandedChain(indent, head, rest, after);
  const last = rest[rest.length - 1] as Call;
  return `${prefix}${head}.${brokenCall(indent, last, after, indent.length + prefix.length + head.length + 1)}`;
}

function expandedChain(indent: string, head: string, rest: readonly Call[], after: string): string {
  const inner = indent + INDENT;
  const lines = rest.map((call, i) => {
    const tail = i === rest.length - 1 ? after : '';
    return `${inner}.${brokenCall(inner, call, tail, inner.length + 1)}`;
  });
  return `${head}\n${lines.join('\n')}`;
}
