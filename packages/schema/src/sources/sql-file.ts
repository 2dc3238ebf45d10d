import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { SchemaError, SqlFileError } from '../errors.js';
import type { CatalogClient } from '../introspect/catalog-client.js';
import { introspect, type Introspection } from '../introspect/introspect.js';
import { isEmbeddedExtension, loadEmbeddedExtensions } from './embedded-extensions.js';
import { splitSqlScript, type ScriptItem } from './sql-script.js';

export interface SqlFileSourceOptions {
  /** A Rails `db/structure.sql`, a pg_dump, or any script psql could run. */
  readonly file: string;
  readonly schemas?: readonly string[];
  readonly statementTimeoutMs?: number;
}

type Statement = Extract<ScriptItem, { kind: 'statement' }>;

const CREATE_EXTENSION = /^CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|[^\s;]+)/i;
const COMMENT_ON_EXTENSION = /^COMMENT\s+ON\s+EXTENSION\s+("(?:[^"]|"")+"|[^\s;]+)/i;
/**
 * Statements that do not change the shape of the schema and would fail in a fresh embedded
 * database: its own database commands, roles and privileges (the roles do not exist there),
 * row-security policies naming roles, replication objects. Data is not needed either.
 */
const NOT_NEEDED = [
  /^(CREATE|ALTER|DROP)\s+DATABASE\b/i,
  /^(CREATE|ALTER|DROP)\s+(ROLE|USER|GROUP)\b/i,
  /^ALTER\s+\S+(\s+\S+)*?\s+OWNER\s+TO\b/i,
  /^(GRANT|REVOKE)\b/i,
  /^ALTER\s+DEFAULT\s+PRIVILEGES\b/i,
  /^(CREATE|ALTER|DROP)\s+POLICY\b/i,
  /^(CREATE|ALTER|DROP)\s+(PUBLICATION|SUBSCRIPTION)\b/i,
  /^SECURITY\s+LABEL\b/i,
  /^COPY\b[\s\S]*\bFROM\s+stdin\b/i,
  // Every batch runs as a transaction of its own. A script's own BEGIN would span batches, and
  // after an error the replay that finds the failing line would only meet "current
  // transaction is aborted".
  /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE)\b/i,
];
/** Statements PostgreSQL refuses inside a transaction block: they run on their own. */
const RUNS_ALONE = /^(VACUUM|CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY|REINDEX|ALTER\s+TYPE\s+\S+\s+ADD\s+VALUE)\b/i;

const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase());

interface PlannedScript {
  readonly statements: readonly Statement[];
  readonly extensions: ReadonlySet<string>;
  readonly skippedExtensions: readonly string[];
  readonly notes: readonly string[];
}

/** Decides what to run: which extensions to register, which statements to leave out and why. */
function planScript(items: readonly ScriptItem[], file: string): PlannedScript {
  const statements: Statement[] = [];
  const extensions = new Set<string>();
  const skipped = new Set<string>();
  const notes: string[] = [];
  let notNeeded = 0;
  let dataRows = 0;
  for (const item of items) {
    if (item.kind === 'meta') continue;
    if (item.kind === 'copy-data') {
      dataRows += item.rows;
      continue;
    }
    const extension = CREATE_EXTENSION.exec(item.sql);
    if (extension) {
      const name = unquote(extension[1]!);
      if (isEmbeddedExtension(name)) extensions.add(name);
      else {
        skipped.add(name);
        notes.push(`${file}:${item.line}: extension "${name}" is not available in the embedded database; skipped. Objects that need it will fail: use --database-url with a server that has it.`);
        continue;
      }
    }
    const comment = COMMENT_ON_EXTENSION.exec(item.sql);
    if (comment && skipped.has(unquote(comment[1]!))) continue;
    if (NOT_NEEDED.some((pattern) => pattern.test(item.sql))) {
      notNeeded++;
      continue;
    }
    statements.push(item);
  }
  if (notNeeded > 0 || dataRows > 0) {
    notes.push(
      `${file}: left out ${notNeeded} statement${notNeeded === 1 ? '' : 's'} that do not shape the schema (database, role, privilege, policy, transaction control, data)` +
        (dataRows ? ` and ${dataRows} COPY data row${dataRows === 1 ? '' : 's'}` : '') + '.',
    );
  }
  return { statements, extensions, skippedExtensions: [...skipped].sort(), notes };
}

/** Groups statements into batches run as one query each; some must run alone. */
function batches(statements: readonly Statement[], maxChars = 256 * 1024): Statement[][] {
  const out: Statement[][] = [];
  let current: Statement[] = [];
  let size = 0;
  const flush = () => {
    if (current.length) out.push(current);
    current = [];
    size = 0;
  };
  for (const statement of statements) {
    if (RUNS_ALONE.test(statement.sql)) {
      flush();
      out.push([statement]);
      continue;
    }
    if (size + statement.sql.length > maxChars) flush();
    current.push(statement);
    size += statement.sql.length + 1;
  }
  flush();
  return out;
}

interface PostgresError extends Error {
  position?: string;
}

function lineWithin(sql: string, position: number): number {
  let line = 0;
  for (let i = 0; i < position - 1 && i < sql.length; i++) if (sql.charCodeAt(i) === 10) line++;
  return line;
}

/** Runs one batch; on failure, finds the statement (and line) that failed. */
async function runBatch(db: PGlite, batch: readonly Statement[], file: string, skipped: readonly string[]): Promise<void> {
  const sql = batch.map((s) => s.sql).join('\n');
  try {
    await db.exec(sql);
    return;
  } catch (error) {
    const e = error as PostgresError;
    const position = Number(e.position);
    if (Number.isFinite(position) && position > 0) {
      // Statements are joined with one newline each, so offsets map back to statements.
      let offset = 0;
      for (const statement of batch) {
        const end = offset + statement.sql.length + 1;
        if (position - 1 < end) {
          throw new SqlFileError(file, statement.line + lineWithin(statement.sql, position - offset), e.message, skipped);
        }
        offset = end;
      }
    }
    if (batch.length === 1) throw new SqlFileError(file, batch[0]!.line, e.message, skipped);
    // No position: the batch rolled back as a whole, so replay it one statement at a time.
    for (const statement of batch) await runBatch(db, [statement], file, skipped);
    throw new SqlFileError(file, batch[0]!.line, e.message, skipped);
  }
}

class PgliteCatalogClient implements CatalogClient {
  roundTrips = 0;
  constructor(private readonly db: PGlite) {}

  async query<Row>(sql: string, params?: readonly unknown[]): Promise<readonly Row[]> {
    this.roundTrips++;
    return (await this.db.query<Row>(sql, params as unknown[] | undefined)).rows;
  }

  async exec(sql: string): Promise<void> {
    this.roundTrips++;
    await this.db.exec(sql);
  }
}

/**
 * Loads a `.sql` file into an embedded PostgreSQL (PGlite, in this process, in memory) and
 * introspects it: no server needed.
 */
export async function introspectSqlFile(options: SqlFileSourceOptions): Promise<Introspection> {
  const name = options.file;
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SchemaError(
      'RR_SQL_FILE_UNREADABLE',
      `cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}. Check the --sql path.`,
    );
  }
  const plan = planScript(splitSqlScript(text), name);
  // Loaded on first use: PGlite is the largest module rr has, and only `.sql` sources need it.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ extensions: await loadEmbeddedExtensions(plan.extensions) });
  try {
    await db.exec("SET client_min_messages = 'warning'");
    for (const batch of batches(plan.statements)) await runBatch(db, batch, name, plan.skippedExtensions);
    // Nothing should be left open (the script's own transaction control is left out), but a
    // procedure may still have started a transaction: close it before reading.
    await db.exec('ROLLBACK').catch(() => undefined);
    // A throw-away database has no catalog worth stamping: a .sql file is cached by its hash.
    const { catalogStamp: _stamp, ...result } = await introspect(new PgliteCatalogClient(db), {
      schemas: options.schemas,
      statementTimeoutMs: options.statementTimeoutMs,
      source: { kind: 'sql-file', description: basename(options.file) },
    });
    return { ...result, warnings: [...plan.notes, ...result.warnings] };
  } finally {
    await db.close().catch(() => undefined);
  }
}
