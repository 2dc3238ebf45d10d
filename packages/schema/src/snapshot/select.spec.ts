import { describe, expect, it } from 'vitest';
import { column, composite, domain, enumType, range, snapshot, table, typeRef, view } from '../testing/snapshot-builders.js';
import { selectSchemas } from './select.js';

const ref = (schema: string, name: string, kind: 'enum' | 'domain' | 'composite' | 'range' | 'multirange', arrayDimensions = 0) =>
  typeRef(`${schema}.${name}${'[]'.repeat(arrayDimensions)}`, { schema, name, kind, arrayDimensions });

function sample() {
  return snapshot({
    schemas: [
      { name: 'app', comment: 'application' },
      { name: 'billing', comment: null },
      { name: 'shared', comment: null },
    ],
    tables: [
      table('app', 'users', {
        columns: [
          column('id', 1),
          column('moods', 2, { type: ref('shared', 'mood', 'enum', 1) }),
          column('home', 3, { type: ref('shared', 'address', 'composite') }),
          column('busy', 4, { type: ref('shared', 'spans', 'multirange') }),
        ],
        partitions: [{ schema: 'billing', name: 'users_archive' }],
      }),
      table('billing', 'invoices', { columns: [column('id', 1), column('amount', 2, { type: ref('shared', 'money', 'domain') })] }),
    ],
    views: [view('app', 'user_names'), view('billing', 'totals')],
    enums: [enumType('shared', 'mood', ['sad', 'happy']), enumType('shared', 'unused', ['x']), enumType('app', 'local', ['a'])],
    domains: [
      domain('shared', 'money', ref('shared', 'amount', 'domain')),
      domain('shared', 'amount', typeRef('numeric(12,2)', { name: 'numeric', precision: 12, scale: 2 })),
    ],
    compositeTypes: [composite('shared', 'address', [{ name: 'country', type: ref('shared', 'country', 'enum') }])],
    ranges: [range('shared', 'span', typeRef('integer', { name: 'int4' }), 'spans')],
  });
}

describe('selectSchemas', () => {
  it('keeps the tables, views and schema entries of the selected schemas, partitions and all', () => {
    const s = selectSchemas(sample(), ['app']);
    expect(s.schemas).toEqual([{ name: 'app', comment: 'application' }]);
    expect(s.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['app.users']);
    expect(s.tables[0]!.partitions).toEqual([{ schema: 'billing', name: 'users_archive' }]);
    expect(s.views.map((v) => `${v.schema}.${v.name}`)).toEqual(['app.user_names']);
  });

  it('keeps the types of the selected schemas and those their columns reach, and no others', () => {
    const s = selectSchemas(sample(), ['app']);
    // mood through an array, address and (through its attribute) country, span through its
    // multirange; local lives in app. unused, money and amount are not reached from app.
    expect(s.enums.map((e) => e.name)).toEqual(['local', 'mood']);
    expect(s.compositeTypes.map((c) => c.name)).toEqual(['address']);
    expect(s.ranges.map((r) => r.name)).toEqual(['span']);
    expect(s.domains).toEqual([]);
  });

  it('follows a domain to the domain it is over', () => {
    const s = selectSchemas(sample(), ['billing']);
    expect(s.domains.map((d) => d.name)).toEqual(['amount', 'money']);
    expect(s.enums).toEqual([]);
  });

  it('keeps every type of a selected type schema, used or not', () => {
    const s = selectSchemas(sample(), ['shared']);
    expect(s.tables).toEqual([]);
    expect(s.enums.map((e) => e.name)).toEqual(['mood', 'unused']);
    expect(s.domains.map((d) => d.name)).toEqual(['amount', 'money']);
  });

  it('gives back the same snapshot when every schema is selected, and re-fingerprints a part', () => {
    const all = sample();
    expect(selectSchemas(all, ['app', 'billing', 'shared'])).toEqual(all);
    const part = selectSchemas(all, ['billing']);
    expect(part.fingerprint).not.toBe(all.fingerprint);
    expect(part.meta).toEqual(all.meta);
  });
});
