import { compareText } from './canonical.js';
import type { Column, ForeignKey, KeyConstraint, QualifiedName, SchemaSnapshot } from './types.js';

export type ChangeKind = 'added' | 'removed' | 'changed';
export type ChangedObject =
  | 'table'
  | 'view'
  | 'column'
  | 'primary-key'
  | 'unique-constraint'
  | 'foreign-key'
  | 'check'
  | 'enum'
  | 'domain'
  | 'composite-type'
  | 'range';

export interface SnapshotChange {
  readonly kind: ChangeKind;
  readonly object: ChangedObject;
  /** `schema.table`, `schema.table.column`, `schema.enum`, `schema.table.constraint`. */
  readonly where: string;
  /** What changed, for `changed`: `type`, `nullable`, `default`, `labels`, … */
  readonly field: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

export interface SnapshotDiff {
  readonly identical: boolean;
  readonly changes: readonly SnapshotChange[];
}

const qualify = (q: QualifiedName): string => `${q.schema}.${q.name}`;

function indexBy<T>(list: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  return new Map(list.map((item) => [keyOf(item), item]));
}

/** Walks two keyed lists, reporting additions and removals and handing pairs to `both`. */
function compareLists<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
  added: (item: T, key: string) => void,
  removed: (item: T, key: string) => void,
  both: (a: T, b: T, key: string) => void,
): void {
  const left = indexBy(before, keyOf);
  const right = indexBy(after, keyOf);
  for (const [key, item] of left) {
    const other = right.get(key);
    if (other === undefined) removed(item, key);
    else both(item, other, key);
  }
  for (const [key, item] of right) if (!left.has(key)) added(item, key);
}

const describeColumn = (c: Column): string =>
  `${c.type.sql}${c.nullable ? '' : ' not null'}${c.default !== null ? ` default ${c.default}` : ''}`;
const describeKey = (k: KeyConstraint): string => `(${k.columns.join(', ')})`;
const describeForeignKey = (fk: ForeignKey): string =>
  `(${fk.columns.join(', ')}) → ${qualify(fk.references)}(${fk.references.columns.join(', ')}) on delete ${fk.onDelete}`;

const labels = (l: readonly string[]): string => `[${l.join(', ')}]`;
const describeAttributes = (c: SchemaSnapshot['compositeTypes'][number]): string =>
  c.attributes.map((a) => `${a.name} ${a.type.sql}`).join(', ');
const describeDomain = (d: SchemaSnapshot['domains'][number]): string =>
  `${d.baseType.sql}${d.notNull ? ' not null' : ''}${d.default !== null ? ` default ${d.default}` : ''}` +
  d.checks.map((c) => ` constraint ${c.name} ${c.expression}`).join('');
const describeViewColumns = (v: SchemaSnapshot['views'][number]): string =>
  `${v.kind}: ${v.columns.map((c) => `${c.name} ${c.type.sql}`).join(', ')}`;

/** What changed from `before` to `after`, in a stable order (by object path). */
export function diffSnapshots(before: SchemaSnapshot, after: SchemaSnapshot): SnapshotDiff {
  const changes: SnapshotChange[] = [];
  const push = (kind: ChangeKind, object: ChangedObject, where: string, field: string | null, b: string | null, a: string | null) =>
    changes.push({ kind, object, where, field, before: b, after: a });

  /** Objects compared as a whole through one description: any difference is one `changed`. */
  const compareDescribed = <T>(
    object: ChangedObject,
    field: string,
    b: readonly T[],
    a: readonly T[],
    keyOf: (item: T) => string,
    describe: (item: T) => string,
  ) =>
    compareLists(
      b,
      a,
      keyOf,
      (item, key) => push('added', object, key, null, null, describe(item)),
      (item, key) => push('removed', object, key, null, describe(item), null),
      (x, y, key) => {
        const dx = describe(x);
        const dy = describe(y);
        if (dx !== dy) push('changed', object, key, field, dx, dy);
      },
    );

  compareLists(
    before.tables,
    after.tables,
    qualify,
    (t, key) => push('added', 'table', key, null, null, `${t.columns.length} columns`),
    (t, key) => push('removed', 'table', key, null, `${t.columns.length} columns`, null),
    (a, b, tableKey) => {
      compareLists(
        a.columns,
        b.columns,
        (c) => `${tableKey}.${c.name}`,
        (c, where) => push('added', 'column', where, null, null, describeColumn(c)),
        (c, where) => push('removed', 'column', where, null, describeColumn(c), null),
        (x, y, where) => {
          if (x.type.sql !== y.type.sql) push('changed', 'column', where, 'type', x.type.sql, y.type.sql);
          if (x.nullable !== y.nullable) push('changed', 'column', where, 'nullable', String(x.nullable), String(y.nullable));
          if (x.default !== y.default) push('changed', 'column', where, 'default', x.default, y.default);
          if (x.identity !== y.identity) push('changed', 'column', where, 'identity', x.identity, y.identity);
          if (x.generated !== y.generated) push('changed', 'column', where, 'generated', x.generated, y.generated);
        },
      );
      const keyOfPrimary = () => tableKey;
      compareDescribed('primary-key', 'columns', a.primaryKey ? [a.primaryKey] : [], b.primaryKey ? [b.primaryKey] : [], keyOfPrimary, describeKey);
      const constraint = (k: { readonly name: string }) => `${tableKey}.${k.name}`;
      compareDescribed('unique-constraint', 'columns', a.uniqueConstraints, b.uniqueConstraints, constraint, describeKey);
      compareDescribed('foreign-key', 'definition', a.foreignKeys, b.foreignKeys, constraint, describeForeignKey);
      compareDescribed('check', 'expression', a.checks, b.checks, constraint, (c) => c.expression);
    },
  );
  compareDescribed('view', 'columns', before.views, after.views, qualify, describeViewColumns);
  compareDescribed('enum', 'labels', before.enums, after.enums, qualify, (e) => labels(e.labels));
  compareDescribed('domain', 'definition', before.domains, after.domains, qualify, describeDomain);
  compareDescribed('composite-type', 'attributes', before.compositeTypes, after.compositeTypes, qualify, describeAttributes);
  compareDescribed('range', 'subtype', before.ranges, after.ranges, qualify, (r) => r.subtype.sql);

  changes.sort((x, y) => compareText(x.where, y.where) || compareText(x.object, y.object) || compareText(x.field ?? '', y.field ?? ''));
  return { identical: changes.length === 0, changes };
}

const SIGN: Record<ChangeKind, string> = { added: '+', removed: '-', changed: '~' };

/** One line per change, for people: `+ column public.users.age: integer not null`. */
export function formatDiff(diff: SnapshotDiff): string {
  if (diff.identical) return 'no differences';
  return diff.changes
    .map((c) => {
      const head = `${SIGN[c.kind]} ${c.object} ${c.where}`;
      if (c.kind === 'added') return `${head}: ${c.after}`;
      if (c.kind === 'removed') return `${head}: ${c.before}`;
      return `${head}: ${c.field ?? 'definition'} ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`;
    })
    .join('\n');
}
