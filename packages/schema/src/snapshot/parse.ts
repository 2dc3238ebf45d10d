// zod/mini, not zod: the same checks and messages, and a bundle that carries only the checks used
// (zod's full build added ~700 KB, and ~50 ms to every rrgen start, for one parser).
import * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import { SnapshotError } from '../errors.js';
import { canonicalizeSnapshot } from './canonical.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SchemaSnapshot } from './types.js';

const text = z.string();
const nullableText = z.nullable(z.string());
const count = z.int().check(z.nonnegative());

const typeRef = z.strictObject({
  schema: text,
  name: text,
  kind: z.enum(['base', 'enum', 'domain', 'composite', 'range', 'multirange', 'pseudo']),
  sql: text,
  arrayDimensions: count,
  length: z.nullable(count),
  precision: z.nullable(count),
  scale: z.nullable(z.int()),
});

const column = z.strictObject({
  name: text,
  position: count,
  type: typeRef,
  nullable: z.boolean(),
  default: nullableText,
  identity: z.nullable(z.enum(['always', 'by-default'])),
  generated: z.nullable(z.enum(['stored', 'virtual'])),
  comment: nullableText,
});

const key = z.strictObject({ name: text, columns: z.array(text) });
const action = z.enum(['no-action', 'restrict', 'cascade', 'set-null', 'set-default']);
const qualified = z.strictObject({ schema: text, name: text });

const table = z.strictObject({
  schema: text,
  name: text,
  kind: z.enum(['table', 'partitioned']),
  comment: nullableText,
  columns: z.array(column),
  primaryKey: z.nullable(key),
  uniqueConstraints: z.array(key),
  foreignKeys: z.array(
    z.strictObject({
      name: text,
      columns: z.array(text),
      references: z.strictObject({ schema: text, name: text, columns: z.array(text) }),
      onUpdate: action,
      onDelete: action,
    }),
  ),
  checks: z.array(z.strictObject({ name: text, expression: text, columns: z.array(text) })),
  indexes: z.array(
    z.strictObject({
      name: text,
      columns: z.array(nullableText),
      unique: z.boolean(),
      primary: z.boolean(),
      method: text,
      predicate: nullableText,
      definition: nullableText,
    }),
  ),
  partitions: z.array(qualified),
});

const snapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  fingerprint: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
  meta: z.strictObject({
    source: z.strictObject({ kind: z.enum(['database', 'sql-file', 'snapshot']), description: text }),
    serverVersion: text,
  }),
  schemas: z.array(z.strictObject({ name: text, comment: nullableText })),
  tables: z.array(table),
  views: z.array(
    z.strictObject({ schema: text, name: text, kind: z.enum(['view', 'materialized']), comment: nullableText, columns: z.array(column) }),
  ),
  enums: z.array(z.strictObject({ schema: text, name: text, labels: z.array(text), comment: nullableText })),
  domains: z.array(
    z.strictObject({
      schema: text,
      name: text,
      baseType: typeRef,
      notNull: z.boolean(),
      default: nullableText,
      checks: z.array(z.strictObject({ name: text, expression: text })),
      comment: nullableText,
    }),
  ),
  compositeTypes: z.array(
    z.strictObject({ schema: text, name: text, attributes: z.array(z.strictObject({ name: text, type: typeRef })), comment: nullableText }),
  ),
  ranges: z.array(
    z.strictObject({ schema: text, name: text, subtype: typeRef, multirange: nullableText, comment: nullableText }),
  ),
}) satisfies z.ZodMiniType<SchemaSnapshot>;

const ENGLISH = english();

export interface ParsedSnapshot {
  /** The snapshot in canonical form, its fingerprint recomputed from its content. */
  readonly snapshot: SchemaSnapshot;
  /** False when the file's own fingerprint does not match its content (it was edited). */
  readonly fingerprintMatches: boolean;
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`), '$');
}

function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class JsonSyntaxStop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/**
 * Where and why a text is not JSON. `JSON.parse` on Node 20 gives no position for many errors
 * ("Unexpected token '}', … is not valid JSON"), so this scans the text itself. Called only
 * after `JSON.parse` has failed; null if the scan finds nothing wrong.
 */
function locateJsonSyntaxError(text: string): JsonSyntaxStop | null {
  const n = text.length;
  let i = 0;
  const here = () => (i >= n ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const fail = (expected: string): never => {
    throw new JsonSyntaxStop(i, `${here()}, expected ${expected}`);
  };
  const space = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    i++;
    while (i < n && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) fail('a closing quote (control characters must be escaped)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 5;
        } else if (i < n && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail('an escape character');
      } else i++;
    }
    if (i >= n) fail('a closing quote');
    i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`"${word}"`);
      i++;
    }
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        space();
        if (text[i] !== ':') fail("':'");
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail("',' or '}'");
      }
    }
    if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail("',' or ']'");
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-' && number[0] !== '') {
      i += number[0].length;
      return;
    }
    fail('a value');
  };
  try {
    value();
    space();
    if (i < n) throw new JsonSyntaxStop(i, `${here()} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxStop) return error;
    return null; // nesting too deep for the scan: report without a position
  }
}

/**
 * Parses and validates snapshot JSON. `where` names the file in errors. Checks the format and
 * version before the shape, so a file of a newer rr says "upgrade" rather than listing fields.
 */
export function parseSnapshot(json: string, where: string): ParsedSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const advice = 'Restore it from version control or write it again with `rrgen snapshot`.';
    if (json.trim() === '') throw new SnapshotError('RR_SNAPSHOT_INVALID', `${where}: the snapshot is empty. ${advice}`);
    const stop = locateJsonSyntaxError(json);
    if (stop === null) {
      const message = error instanceof Error ? error.message : String(error);
      throw new SnapshotError('RR_SNAPSHOT_INVALID', `${where}: the snapshot is not valid JSON (${message}). ${advice}`);
    }
    const { line, column } = lineAndColumn(json, stop.offset);
    const truncated = stop.offset >= json.length;
    throw new SnapshotError(
      'RR_SNAPSHOT_INVALID',
      `${where}:${line}:${column}: ${truncated ? 'the snapshot is truncated' : 'the snapshot is not valid JSON'} (${stop.reason}). ${advice}`,
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(
      'RR_SNAPSHOT_INVALID',
      `${where}: not an rr schema snapshot (expected "format": "${SNAPSHOT_FORMAT}" at $.format). ` +
        'Point at a file written by `rrgen snapshot`.',
      '$.format',
    );
  }
  const version = (data as { version?: unknown }).version;
  if (version !== SNAPSHOT_VERSION) {
    const newer = typeof version === 'number' && version > SNAPSHOT_VERSION;
    throw new SnapshotError(
      'RR_SNAPSHOT_VERSION',
      `${where}: snapshot format version ${JSON.stringify(version)} at $.version; this rr reads version ${SNAPSHOT_VERSION}. ` +
        (newer ? 'It was written by a newer rr: upgrade rr.' : 'Write the snapshot again with `rrgen snapshot`.'),
      '$.version',
    );
  }
  // zod/mini carries no messages of its own: English ones are passed per parse, not set globally.
  const result = snapshotSchema.safeParse(data, { error: ENGLISH.localeError });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // An unknown key is reported on its object; name the key itself.
    const path = jsonPath(issue.code === 'unrecognized_keys' && issue.keys.length ? [...issue.path, issue.keys[0]!] : issue.path);
    throw new SnapshotError(
      'RR_SNAPSHOT_INVALID',
      `${where}: invalid snapshot at ${path}: ${issue.message}. ` +
        'Restore the file from version control or write it again with `rrgen snapshot`.',
      path,
    );
  }
  const snapshot = canonicalizeSnapshot(result.data);
  return { snapshot, fingerprintMatches: snapshot.fingerprint === result.data.fingerprint };
}
