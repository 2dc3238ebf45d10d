import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { diagnosticsWith } from '../testing/lookup.js';
import { col, snapshot, table, view } from '../testing/snapshot-builder.js';

const schema = snapshot({
  tables: [
    table('users', [col('id', 'uuid')]),
    table('posts', [col('id', 'uuid')]),
    table('schema_migrations', [col('version', 'varchar', { notNull: true })], { pk: ['version'] }),
    table('ar_internal_metadata', [col('key', 'varchar')], { pk: ['key'] }),
    table('good_job_processes', [col('id', 'uuid')]),
    table('events', [col('id', 'uuid'), col('at', 'timestamptz')], { kind: 'partitioned', pk: ['id', 'at'], partitions: ['events_2024', 'events_2025'] }),
    table('audit_logs', [col('id', 'int8')], { schema: 'audit' }),
  ],
  views: [view('active_users'), view('post_counts', 'materialized'), view('audit_view', 'view', 'audit')],
});
const keys = (input = {}) => mapSchema(schema, input).models.map((m) => m.key);

describe('table selection', () => {
  it('keeps every table but Rails’ own, reporting those', () => {
    const set = mapSchema(schema);
    expect(set.models.map((m) => m.key)).toEqual(['audit.audit_logs', 'public.events', 'public.good_job_processes', 'public.posts', 'public.users']);
    expect(diagnosticsWith(set, 'RR_FRAMEWORK_TABLE').map((d) => [d.severity, d.where])).toEqual([
      ['info', 'public.ar_internal_metadata'],
      ['info', 'public.schema_migrations'],
    ]);
  });

  it('takes framework tables from config, as globs, and can keep them', () => {
    expect(keys({ frameworkTables: ['good_job_*'] })).not.toContain('public.good_job_processes');
    expect(keys({ frameworkTables: ['good_job_*'] })).toContain('public.schema_migrations');
    expect(keys({ includeFrameworkTables: true })).toContain('public.schema_migrations');
  });

  it('applies include and exclude globs on schema.table; a bare pattern matches the table name in any schema', () => {
    expect(keys({ include: ['public.*'] })).toEqual(['public.events', 'public.good_job_processes', 'public.posts', 'public.users']);
    expect(keys({ exclude: ['audit.*', 'good_job_*'] })).toEqual(['public.events', 'public.posts', 'public.users']);
    expect(keys({ include: ['audit_logs', 'users'] })).toEqual(['audit.audit_logs', 'public.users']);
  });

  it('skips views and materialized views with an info, only for selected schemas', () => {
    const set = mapSchema(schema, { include: ['public.*'] });
    expect(diagnosticsWith(set, 'RR_VIEW_SKIPPED').map((d) => [d.severity, d.where])).toEqual([
      ['info', 'public.active_users'],
      ['info', 'public.post_counts'],
    ]);
    expect(diagnosticsWith(set, 'RR_VIEW_SKIPPED')[1]?.message).toContain('materialized view');
  });

  it('makes the partitioned parent the model and reports each partition', () => {
    const set = mapSchema(schema);
    expect(set.models.find((m) => m.key === 'public.events')?.tableKind).toBe('partitioned');
    expect(diagnosticsWith(set, 'RR_PARTITION_SKIPPED').map((d) => d.where)).toEqual(['public.events_2024', 'public.events_2025']);
  });

  it('skips a partition even when a snapshot lists it as a table', () => {
    const withPartition = snapshot({ tables: [...schema.tables, table('events_2024', [col('id', 'uuid'), col('at', 'timestamptz')], { pk: ['id', 'at'] })] });
    expect(mapSchema(withPartition).models.map((m) => m.key)).not.toContain('public.events_2024');
  });

  it('keeps tables whose names hold a slash or a line break: globs see any name through `*`', () => {
    const set = mapSchema(snapshot({ tables: [table('a/b', [col('id', 'uuid')]), table('\nb', [col('id', 'uuid')])] }));
    expect(set.models.map((m) => m.table).sort()).toEqual(['\nb', 'a/b']);
  });
});
