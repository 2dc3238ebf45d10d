import { z } from 'zod';
import { SnapshotError } from '../errors.js';
import { canonicalizeSnapshot } from './canonical.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SchemaSnapshot } from './types.js';

const text = z.string();
const nullableText = z.string().nullable();
const count = z.number().int().nonnegative();

const typeRef = z.strictObject({
  schema: text,
  name: text,
  kind: z.enum(['base', 'enum', 'domain', 'composite', 'range', 'multirange', 'pseudo']),
  sql: text,
  arrayDimensions: count,
  length: count.nullable(),
  precision: count.nullable(),
  scale: z.number().int().nullable(),
});

const column = z.strictObject({
  name: text,
  position: count,
  type: typeRef,
  nullable: z.boolean(),
  default: nullableText,
  identity: z.enum(['always', 'by-default']).nullable(),
  generated: z.enum(['stored', 'virtual']).nullable(),
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
  primaryKey: key.nullable(),
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
      definition: text,
    }),
  ),
  partitions: z.array(qualified),
});

const snapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/),
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
}) satisfies z.ZodType<SchemaSnapshot>;

export interface ParsedSnapshot {
  /** The snapshot in canonical form, its fingerprint recomputed from its content. */
  readonly snapshot: SchemaSnapshot;
  /** False when the file's own fingerprint does not match its content (it was edited). */
  readonly fingerprintMatches: boolean;
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`), '$');
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
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
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const at = position ? `:${lineOf(json, Number(position[1]))}` : '';
    const truncated = json.trim() === '' || /end of JSON input/i.test(message);
    throw new SnapshotError(
      'RR_SNAPSHOT_INVALID',
      `${where}${at}: ${truncated ? 'the snapshot is empty or truncated' : 'the snapshot is not valid JSON'} (${message}). ` +
        'Restore it from version control or write it again with `rrgen snapshot`.',
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
  const result = snapshotSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = jsonPath(issue.path);
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
