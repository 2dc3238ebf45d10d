/**
 * Typed errors of the schema stage. Every message says what went wrong, where, and what to do;
 * none of them ever carries a password (connection details are described by `describeTarget`).
 */

export type SchemaErrorCode =
  | 'RR_CONNECT_FAILED'
  | 'RR_CONNECT_TIMEOUT'
  | 'RR_AUTH_FAILED'
  | 'RR_DATABASE_NOT_FOUND'
  | 'RR_PERMISSION_DENIED'
  | 'RR_STATEMENT_TIMEOUT'
  | 'RR_CONNECTION_LOST'
  | 'RR_QUERY_FAILED'
  | 'RR_INVALID_URL'
  | 'RR_SCHEMA_NOT_FOUND'
  | 'RR_SQL_FILE_UNREADABLE'
  | 'RR_SQL_FILE_FAILED'
  | 'RR_SNAPSHOT_UNREADABLE'
  | 'RR_SNAPSHOT_INVALID'
  | 'RR_SNAPSHOT_VERSION';

export class SchemaError extends Error {
  override readonly name: string = 'SchemaError';
  constructor(
    readonly code: SchemaErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The database could not be reached, or refused us before any query ran. */
export class ConnectionError extends SchemaError {
  override readonly name = 'ConnectionError';
}

/** A catalog query failed or the session ended while introspecting. */
export class IntrospectionError extends SchemaError {
  override readonly name = 'IntrospectionError';
}

export class SchemaNotFoundError extends SchemaError {
  override readonly name = 'SchemaNotFoundError';
  constructor(
    readonly missing: readonly string[],
    readonly available: readonly string[],
  ) {
    super(
      'RR_SCHEMA_NOT_FOUND',
      `schema${missing.length > 1 ? 's' : ''} ${missing.map((s) => `"${s}"`).join(', ')} ` +
        `not found in the database. Schemas that exist: ${available.length ? available.map((s) => `"${s}"`).join(', ') : '(none)'}. ` +
        'Fix the --schema list.',
    );
  }
}

/** Schemas asked for by name that the role may not use (no USAGE privilege). */
export class SchemaAccessError extends SchemaError {
  override readonly name = 'SchemaAccessError';
  constructor(
    readonly schemas: readonly string[],
    readonly role: string,
  ) {
    const names = schemas.map((s) => `"${s}"`).join(', ');
    super(
      'RR_PERMISSION_DENIED',
      `role "${role}" may not read schema${schemas.length > 1 ? 's' : ''} ${names} (no USAGE privilege). ` +
        `Grant it (GRANT USAGE ON SCHEMA ${schemas.map(quoteIdentifier).join(', ')} TO ${quoteIdentifier(role)}), ` +
        'connect as a role that has it, or leave the schema out of --schema.',
    );
  }
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A statement of a `.sql` file failed in the embedded database. */
export class SqlFileError extends SchemaError {
  override readonly name = 'SqlFileError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly postgresMessage: string,
    readonly skippedExtensions: readonly string[],
  ) {
    super(
      'RR_SQL_FILE_FAILED',
      `${file}:${line}: ${postgresMessage}` +
        (skippedExtensions.length
          ? `\nThe embedded database skipped extension${skippedExtensions.length > 1 ? 's' : ''} ` +
            `${skippedExtensions.join(', ')}; this statement may depend on ${skippedExtensions.length > 1 ? 'them' : 'it'}.`
          : '') +
        '\nFix the statement, or introspect a live database with --database-url instead of --sql.',
    );
  }
}

/** A snapshot file is missing, malformed, truncated or of another format version. */
export class SnapshotError extends SchemaError {
  override readonly name = 'SnapshotError';
  constructor(
    code: 'RR_SNAPSHOT_UNREADABLE' | 'RR_SNAPSHOT_INVALID' | 'RR_SNAPSHOT_VERSION',
    message: string,
    /** The JSON path of the first problem, e.g. `$.tables[3].columns[0].type`. */
    readonly jsonPath: string | null = null,
  ) {
    super(code, message);
  }
}
