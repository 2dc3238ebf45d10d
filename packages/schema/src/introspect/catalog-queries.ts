/**
 * The bulk catalog queries. Each takes the selected schema names as `$1` (text[]) and filters
 * on them at its root, so the work is proportional to what was asked for. They read
 * `pg_catalog` only: `information_schema` views are slow joins over privileges we do not need.
 * Objects that belong to an extension (`pg_depend.deptype = 'e'`) are left out.
 *
 * The order inside each result does not matter: the snapshot is put in canonical order later.
 */

/**
 * The catalogs whose rows a snapshot is printed from, directly or through a printed expression
 * (a default names its functions and sequences, an index its operator classes), and those that
 * decide which schemas the role may use.
 */
const STAMPED_CATALOGS = [
  'pg_namespace', 'pg_class', 'pg_attribute', 'pg_attrdef', 'pg_type', 'pg_constraint', 'pg_index', 'pg_inherits', 'pg_enum', 'pg_range',
  'pg_description', 'pg_depend', 'pg_extension', 'pg_proc', 'pg_operator', 'pg_opclass', 'pg_collation', 'pg_auth_members',
] as const;

/**
 * A stamp of the catalog as the transaction sees it: per catalog, its row count and the sum of
 * its rows' xmin. Every transactional change of a catalog row (all DDL, GRANT, COMMENT) removes
 * row versions and adds ones with a newer transaction id, so the pair moves; the in-place updates
 * of VACUUM and ANALYZE keep xmin, so the stamp stays. Read in the same round trip as the schema
 * list; an unchanged stamp lets a cached snapshot stand for the rest of the queries.
 */
export const CATALOG_STAMP_SQL = `SELECT md5(concat_ws(' ', current_setting('server_version_num'), current_user,
         (SELECT rolsuper::text || rolinherit::text FROM pg_catalog.pg_roles WHERE rolname = current_user),
         ${STAMPED_CATALOGS.map((catalog) => `(SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM pg_catalog.${catalog})`).join(',\n         ')}))`;

/**
 * Every non-system schema, whether the session's role may use it (USAGE), plus the role, the
 * server version and the catalog stamp. The catalog shows every schema to every role; rr reads
 * only the ones the role was granted (docs/reliability.md).
 */
export const SCHEMAS_SQL = `
SELECT n.nspname::text AS name,
       d.description AS comment,
       pg_catalog.has_schema_privilege(n.oid, 'USAGE') AS usable,
       current_user::text AS role,
       current_setting('server_version') AS server_version,
       (${CATALOG_STAMP_SQL}) AS catalog_stamp
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objsubid = 0
WHERE n.nspname <> 'information_schema'
  AND n.nspname NOT LIKE 'pg\\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                  WHERE dep.classid = 'pg_catalog.pg_namespace'::regclass AND dep.objid = n.oid AND dep.deptype = 'e')`;

/**
 * Tables, partitioned tables, partitions (with their root), views and materialized views. A
 * partition is listed when its root is selected, whatever its own schema: the partitions are
 * part of the root's description, which must not depend on what else was selected.
 */
export const RELATIONS_SQL = `
SELECT c.oid::text AS oid,
       n.nspname::text AS schema,
       c.relname::text AS name,
       c.relkind::text AS kind,
       c.relispartition AS is_partition,
       rn.nspname::text AS root_schema,
       rc.relname::text AS root_name,
       d.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON c.relispartition AND rc.oid = pg_catalog.pg_partition_root(c.oid)
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE (n.nspname = ANY($1::text[]) OR (c.relispartition AND rn.nspname = ANY($1::text[])))
  AND c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                  WHERE dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'e')`;

/**
 * The columns of a resolved type reference. Arrays are unwrapped to their element type (only
 * true arrays, recognised by their subscript handler, not fixed-length types such as point).
 * The raw type modifier is decoded into length / precision / scale in TypeScript.
 */
function typeColumns(declared: string, typmod: string, ndims: string): string {
  return `en.nspname::text AS type_schema,
       e.typname::text AS type_name,
       e.typtype::text AS type_kind,
       CASE WHEN ${declared}.oid <> e.oid THEN GREATEST(${ndims}, 1) ELSE 0 END AS array_dimensions,
       ${typmod} AS typmod`;
}

/** Joins \`declared\` (the type as declared), \`e\` (its element type) and \`en\` (e's namespace). */
function elementJoin(declared: string, typeOid: string): string {
  return `JOIN pg_catalog.pg_type ${declared} ON ${declared}.oid = ${typeOid}
JOIN pg_catalog.pg_type e
  ON e.oid = CASE WHEN ${declared}.typsubscript = 'pg_catalog.array_subscript_handler'::regproc
                  THEN ${declared}.typelem ELSE ${declared}.oid END
JOIN pg_catalog.pg_namespace en ON en.oid = e.typnamespace`;
}

/**
 * Live columns of every selected table and view (partitions repeat their parent: skipped), in
 * no particular order: introspection orders each relation's columns by \`attnum\`. Sorting all
 * the rows here, wide with their printed types and defaults, spilled to disk past the server's
 * default \`work_mem\` on large schemas (docs/performance.md).
 */
export const COLUMNS_SQL = `
SELECT a.attrelid::text AS relation,
       a.attname::text AS name,
       a.attnum AS attnum,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS sql_type,
       a.atttypid::text AS type_oid,
       ${typeColumns('t', 'a.atttypmod', 'a.attndims')},
       NOT a.attnotnull AS nullable,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default_expression,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       d.description AS comment
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
${elementJoin('t', 'a.atttypid')}
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
WHERE n.nspname = ANY($1::text[])
  AND c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT c.relispartition
  AND a.attnum > 0
  AND NOT a.attisdropped`;

/**
 * Primary key, unique, foreign key and check constraints. Key columns come as attribute numbers
 * (\`conkey\` / \`confkey\`, as text), named in TypeScript from the columns read anyway:
 * naming them here, a subquery into pg_attribute per constraint, cost most of the query's time
 * (docs/performance.md). Only a foreign key to a table that is not selected, whose columns are not
 * read, gets its referenced columns named here, in \`confkey\`'s order.
 */
export const CONSTRAINTS_SQL = `
SELECT co.conrelid::text AS relation,
       co.conname::text AS name,
       co.contype::text AS type,
       co.conkey::text AS column_numbers,
       fn.nspname::text AS ref_schema,
       fc.relname::text AS ref_name,
       co.confrelid::text AS ref_relation,
       co.confkey::text AS ref_column_numbers,
       CASE WHEN co.contype = 'f' AND NOT (fn.nspname = ANY($1::text[]) AND fc.relkind IN ('r', 'p') AND NOT fc.relispartition)
            THEN ARRAY(SELECT a.attname::text
                       FROM unnest(co.confkey) WITH ORDINALITY AS k(attnum, ord)
                       JOIN pg_catalog.pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum
                       ORDER BY k.ord) END AS unselected_ref_columns,
       co.confupdtype::text AS on_update,
       co.confdeltype::text AS on_delete,
       CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_constraintdef(co.oid, true) END AS definition
FROM pg_catalog.pg_constraint co
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = co.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE n.nspname = ANY($1::text[])
  AND c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND co.contype IN ('p', 'u', 'f', 'c')
  -- A foreign key to a partitioned table gets a hidden copy per partition of the target, on
  -- the same table (conparentid names the one declared): only the declared one is a key.
  AND co.conparentid = 0`;

/**
 * Indexes of the selected tables. The key columns come as \`indkey\` (as text) and the number of
 * key columns, named in TypeScript as a constraint's are; an expression key is attribute 0.
 */
export const INDEXES_SQL = `
SELECT i.indrelid::text AS relation,
       ic.relname::text AS name,
       i.indkey::text AS column_numbers,
       i.indnkeyatts AS key_count,
       i.indisunique AS is_unique,
       i.indisprimary AS is_primary,
       am.amname::text AS method,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       -- Printing every definition costs more than the rest of the query; only expression and
       -- partial indexes need it to be understood.
       CASE WHEN 0 = ANY (i.indkey::int2[]) OR i.indpred IS NOT NULL
            THEN pg_catalog.pg_get_indexdef(i.indexrelid) END AS definition
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE n.nspname = ANY($1::text[])
  AND c.relkind IN ('r', 'p')
  AND NOT c.relispartition`;

/**
 * User-defined types: enums, domains, composite types and ranges that live in a selected
 * schema, plus any that a selected column reaches from elsewhere (directly, through an
 * array, a domain's base, a composite's attribute or a range's subtype), so that every
 * reference in the snapshot can be resolved (a multirange column reaches its range). The
 * selected columns' types come as \`$2\` (oid[]), from what COLUMNS_SQL read: scanning
 * pg_attribute again for them took most of this query's time. One row per type; \`detail\` is a JSON array of labels or domain CHECK constraints (recent PostgreSQL, 18 at
 * least, also records a domain's NOT NULL in pg_constraint; that is \`typnotnull\`, not a check).
 */
export const TYPES_SQL = `
WITH RECURSIVE
seed AS (
  SELECT t.oid
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = ANY($1::text[])
    AND t.typtype IN ('e', 'd', 'c', 'r')
    AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c')
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                    WHERE dep.classid = 'pg_catalog.pg_type'::regclass AND dep.objid = t.oid AND dep.deptype = 'e')
  UNION
  SELECT unnest($2::oid[])
),
reached(oid) AS (
  SELECT CASE WHEN t.typsubscript = 'pg_catalog.array_subscript_handler'::regproc THEN t.typelem ELSE t.oid END
  FROM seed s JOIN pg_catalog.pg_type t ON t.oid = s.oid
  UNION
  SELECT next.oid
  FROM reached r
  JOIN pg_catalog.pg_type t ON t.oid = r.oid
  CROSS JOIN LATERAL (
    SELECT t.typbasetype AS oid WHERE t.typtype = 'd'
    UNION ALL SELECT rg.rngsubtype FROM pg_catalog.pg_range rg WHERE t.typtype = 'r' AND rg.rngtypid = t.oid
    UNION ALL SELECT rg.rngtypid FROM pg_catalog.pg_range rg WHERE t.typtype = 'm' AND rg.rngmultitypid = t.oid
    UNION ALL SELECT a.atttypid FROM pg_catalog.pg_attribute a
              WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
  ) refs
  JOIN pg_catalog.pg_type rt ON rt.oid = refs.oid
  CROSS JOIN LATERAL (SELECT CASE WHEN rt.typsubscript = 'pg_catalog.array_subscript_handler'::regproc
                                  THEN rt.typelem ELSE rt.oid END AS oid) next
)
SELECT tn.nspname::text AS schema,
       t.typname::text AS name,
       t.typtype::text AS kind,
       d.description AS comment,
       CASE t.typtype
         WHEN 'e' THEN (SELECT json_agg(l.enumlabel ORDER BY l.enumsortorder) FROM pg_catalog.pg_enum l WHERE l.enumtypid = t.oid)
         WHEN 'd' THEN (SELECT json_agg(json_build_object('name', dc.conname, 'expression', pg_catalog.pg_get_constraintdef(dc.oid, true)))
                        FROM pg_catalog.pg_constraint dc WHERE dc.contypid = t.oid AND dc.contype = 'c')
       END AS detail,
       t.typnotnull AS not_null,
       t.typdefault AS default_expression,
       mr.typname::text AS multirange,
       sub.type_schema AS ref_schema, sub.type_name AS ref_name, sub.type_kind AS ref_kind,
       sub.sql_type AS ref_sql, sub.array_dimensions AS ref_array_dimensions,
       sub.typmod AS ref_typmod,
       attrs.list AS attributes
FROM (SELECT DISTINCT oid FROM reached) r
JOIN pg_catalog.pg_type t ON t.oid = r.oid AND t.typtype IN ('e', 'd', 'c', 'r')
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
LEFT JOIN pg_catalog.pg_range rg ON rg.rngtypid = t.oid
LEFT JOIN pg_catalog.pg_type mr ON mr.oid = rg.rngmultitypid
LEFT JOIN LATERAL (
  SELECT pg_catalog.format_type(tt.oid, target.typmod) AS sql_type,
         ${typeColumns('tt', 'target.typmod', 't.typndims')}
  FROM (SELECT COALESCE(NULLIF(t.typbasetype, 0), rg.rngsubtype) AS oid,
               CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE -1 END AS typmod) target
  ${elementJoin('tt', 'target.oid')}
) sub ON t.typtype IN ('d', 'r')
LEFT JOIN LATERAL (
  SELECT json_agg(json_build_object(
           'name', a.attname::text, 'sql', pg_catalog.format_type(a.atttypid, a.atttypmod),
           'schema', en.nspname::text, 'type', e.typname::text, 'kind', e.typtype::text,
           'dims', CASE WHEN at.oid <> e.oid THEN GREATEST(a.attndims, 1) ELSE 0 END, 'typmod', a.atttypmod)
         ORDER BY a.attnum) AS list
  FROM pg_catalog.pg_attribute a
  ${elementJoin('at', 'a.atttypid')}
  WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
) attrs ON t.typtype = 'c'
WHERE tn.nspname NOT IN ('pg_catalog', 'information_schema')`;
