/**
 * Lets a test act between the round trips of a real introspection: every query that a pg client
 * named `rrgen` (the application name introspection connects with) sends goes through `tap`
 * first, which may wait, change the database from another connection, or cut this one. The
 * introspection itself is untouched. Not part of the package build (see tsconfig.lib.json).
 */
import pg from 'pg';

export interface TappedQuery {
  /** 1 for the first statement of the session (BEGIN …), 2 for the next, … */
  readonly roundTrip: number;
  readonly sql: string;
  /** Runs a statement on the same session, outside the count (e.g. to look at its state). */
  readonly sameSession: (sql: string) => Promise<pg.QueryResult>;
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

/** Taps every rrgen session until the returned function is called. */
export function tapIntrospectionQueries(tap: (query: TappedQuery) => Promise<void> | void): () => void {
  const prototype = pg.Client.prototype as unknown as { query: QueryFn };
  const original = prototype.query;
  const counts = new WeakMap<pg.Client, number>();
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const parameters = (this as unknown as { connectionParameters: { application_name?: string } }).connectionParameters;
    if (parameters.application_name !== 'rrgen' || typeof args[0] !== 'string' || typeof args.at(-1) === 'function') {
      return original.apply(this, args);
    }
    const roundTrip = (counts.get(this) ?? 0) + 1;
    counts.set(this, roundTrip);
    const sameSession = (sql: string) => original.call(this, sql) as Promise<pg.QueryResult>;
    return Promise.resolve(tap({ roundTrip, sql: args[0], sameSession })).then(() => original.apply(this, args));
  };
  return () => {
    prototype.query = original;
  };
}
