/**
 * What introspection needs from a database connection: parameterised queries returning rows,
 * and a count of round trips (tests and the `--json` summary report it).
 */
export interface CatalogClient {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<readonly Row[]>;
  /** A statement without parameters or result (BEGIN, SET, COMMIT), possibly several at once. */
  exec(sql: string): Promise<void>;
  readonly roundTrips: number;
}
