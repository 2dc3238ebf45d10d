/**
 * Names of columns by attribute number, for the keys of constraints and indexes: the catalog
 * queries send the numbers (`conkey`, `confkey`, `indkey`) and these are named from the columns
 * introspection reads anyway (catalog-queries.ts says why).
 */

import { IntrospectionError } from '../errors.js';

/** PostgreSQL's system columns (sysattr.h); a CHECK constraint may refer to `tableoid`. */
const SYSTEM_COLUMNS: ReadonlyMap<number, string> = new Map([
  [-1, 'ctid'],
  [-2, 'xmin'],
  [-3, 'cmin'],
  [-4, 'xmax'],
  [-5, 'cmax'],
  [-6, 'tableoid'],
]);

/**
 * Attribute numbers from their text form: an array (`{1,2}`, from `int2[]`) or a vector
 * (`1 2 0`, from `int2vector`); none for NULL.
 */
export function attributeNumbers(text: string | null): number[] {
  if (text === null) return [];
  const list = text.replace(/^\{|\}$/g, '').trim();
  return list === '' ? [] : list.split(/[\s,]+/).map(Number);
}

export class AttributeNames {
  private readonly byRelation = new Map<string, Map<number, string>>();

  constructor(columns: Iterable<{ readonly relation: string; readonly attnum: number; readonly name: string }>) {
    for (const { relation, attnum, name } of columns) {
      let names = this.byRelation.get(relation);
      if (names === undefined) this.byRelation.set(relation, (names = new Map()));
      names.set(Number(attnum), name);
    }
  }

  /** The column `attnum` of relation `relation` (an oid, as text). `what` names the key for the error a missing column would be. */
  name(relation: string, attnum: number, what: string): string {
    const name = this.byRelation.get(relation)?.get(attnum) ?? SYSTEM_COLUMNS.get(attnum);
    // Every number comes from the same REPEATABLE READ snapshot as the columns: a miss is rr's bug.
    if (name === undefined) {
      throw new IntrospectionError('RR_QUERY_FAILED', `${what} names column ${attnum} of relation ${relation}, which introspection did not read. This is a bug in rr; please report it with the schema's DDL.`);
    }
    return name;
  }
}
