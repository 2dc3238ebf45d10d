/**
 * A synthetic Rails-style schema of any size, for tests that must show cost does not grow with
 * the number of tables, and for benchmarks. Deterministic: the same count gives the same SQL.
 *
 * Every table has a uuid key, a few typed columns, timestamps, and (but the first) a foreign key
 * to an earlier table, as a binary tree: no table is referenced by more than two others, so
 * per-table work does not pile up on a few hubs as the count grows. Every tenth table has a
 * soft-delete column and an enum.
 */
export function syntheticSchemaStatements(tableCount: number): string[] {
  const out: string[] = ["CREATE TYPE public.synthetic_status AS ENUM ('draft', 'active', 'archived');"];
  for (let i = 0; i < tableCount; i++) {
    const name = syntheticTableName(i);
    const columns = [
      'id uuid PRIMARY KEY DEFAULT gen_random_uuid()',
      'name character varying(255) NOT NULL',
      'position integer NOT NULL DEFAULT 0',
      'amount numeric(12,2)',
      'enabled boolean NOT NULL DEFAULT true',
      "settings jsonb NOT NULL DEFAULT '{}'::jsonb",
      'tags text[]',
    ];
    if (i >= 1) columns.push(`parent_id uuid REFERENCES public.${syntheticTableName(Math.floor((i - 1) / 2))} (id)`);
    if (i % 10 === 0) columns.push("status public.synthetic_status NOT NULL DEFAULT 'draft'", 'discarded_at timestamp(6) without time zone');
    columns.push('created_at timestamp(6) without time zone NOT NULL', 'updated_at timestamp(6) without time zone NOT NULL');
    out.push(`CREATE TABLE public.${name} (\n  ${columns.join(',\n  ')}\n);`);
    out.push(`CREATE INDEX index_${name}_on_name ON public.${name} (name);`);
  }
  return out;
}

/** The whole schema as one script. Run it in chunks on a server: one transaction over thousands
 * of tables exceeds the default lock table (max_locks_per_transaction). */
export function syntheticSchemaSql(tableCount: number): string {
  return `${syntheticSchemaStatements(tableCount).join('\n')}\n`;
}

export function syntheticTableName(index: number): string {
  return `table_${String(index).padStart(5, '0')}`;
}
