import { describe, expect, it } from 'vitest';
import { mapSchema } from '../map-schema.js';
import { diagnosticsWith, model, relationship } from '../testing/lookup.js';
import { col, enumType, fk, snapshot, table } from '../testing/snapshot-builder.js';

const schema = snapshot({
  enums: [enumType('payment_method_types', ['provider', 'manual'])],
  tables: [
    table('invoices', [col('id', 'uuid')]),
    table('subscriptions', [col('id', 'uuid')]),
    table('wallets', [col('id', 'uuid')]),
    table('payment_methods', [col('id', 'uuid')]),
    table('records', [col('id', 'uuid')]),
    table('fees', [
      col('id', 'uuid'),
      col('invoiceable_type', 'varchar'),
      col('invoiceable_id', 'uuid'),
      col('fee_type', 'int4'),
      col('fee_id', 'uuid'),
      col('payment_method_type', 'enum:payment_method_types'),
      col('payment_method_id', 'uuid'),
      col('record_type', 'text'),
      col('record_id', 'uuid'),
    ], { fks: [fk(['payment_method_id'], 'payment_methods')] }),
  ],
});

describe('polymorphic associations', () => {
  it('detects text <name>_type + <name>_id pairs without a foreign key, and records them', () => {
    const set = mapSchema(schema);
    expect(model(set, 'public.fees').polymorphic).toEqual([
      { name: 'invoiceable', typeColumn: 'invoiceableType', idColumn: 'invoiceableId', targets: [] },
      { name: 'record', typeColumn: 'recordType', idColumn: 'recordId', targets: [] },
    ]);
    expect(diagnosticsWith(set, 'RR_POLYMORPHIC_ASSOCIATION').map((d) => [d.severity, d.where])).toEqual([
      ['info', 'public.fees.invoiceable'],
      ['info', 'public.fees.record'],
    ]);
    expect(diagnosticsWith(set, 'RR_POLYMORPHIC_ASSOCIATION')[0]?.message).toContain('relationships.polymorphic["public.fees.invoiceable"]');
  });

  it('does not read an integer or enum type column, or an id with a foreign key, as polymorphic', () => {
    const names = mapSchema(schema).models.flatMap((m) => m.polymorphic.map((p) => p.name));
    expect(names).not.toContain('fee');
    expect(names).not.toContain('paymentMethod');
  });

  it('never infers a convention belongs-to from a polymorphic id', () => {
    const set = mapSchema(schema);
    const fromRecordId = model(set, 'public.fees').relationships.filter((r) => r.hops[0]?.sourceField.includes('recordId'));
    expect(fromRecordId).toEqual([]);
    expect(model(set, 'public.records').relationships).toEqual([]);
  });

  it('turns configured targets into typed relationships that filter on the type column', () => {
    const set = mapSchema(schema, {
      relationships: {
        polymorphic: {
          'fees.invoiceable': ['Invoice', 'public.subscriptions', { model: 'Wallet', typeValue: 'Billing::Wallet' }, 'Coupon'],
        },
      },
    });
    const fees = model(set, 'public.fees');
    expect(fees.polymorphic[0]).toEqual({
      name: 'invoiceable',
      typeColumn: 'invoiceableType',
      idColumn: 'invoiceableId',
      targets: [
        { typeValue: 'Invoice', model: 'public.invoices', modelName: 'Invoice', relationship: 'invoiceableInvoice' },
        { typeValue: 'Subscription', model: 'public.subscriptions', modelName: 'Subscription', relationship: 'invoiceableSubscription' },
        { typeValue: 'Billing::Wallet', model: 'public.wallets', modelName: 'Wallet', relationship: 'invoiceableWallet' },
      ],
    });
    expect(relationship(fees, 'invoiceableInvoice')).toEqual({
      name: 'invoiceableInvoice',
      cardinality: 'one',
      kind: 'belongs-to',
      origin: 'polymorphic',
      constraint: null,
      hops: [{ sourceField: ['invoiceableId'], destField: ['id'], destSchema: 'invoices', destModel: 'public.invoices' }],
      target: 'public.invoices',
      targetModel: 'Invoice',
      through: null,
      optional: true,
      inverse: 'invoiceableFees',
      typeFilter: { side: 'source', column: 'invoiceableType', value: 'Invoice' },
    });
    expect(relationship(model(set, 'public.invoices'), 'invoiceableFees')).toMatchObject({
      cardinality: 'many',
      hops: [{ sourceField: ['id'], destField: ['invoiceableId'], destSchema: 'fees' }],
      typeFilter: { side: 'destination', column: 'invoiceableType', value: 'Invoice' },
      inverse: 'invoiceableInvoice',
    });
    expect(fees.queries.polymorphic).toEqual([
      { association: 'invoiceable', typeColumn: 'invoiceableType', idColumn: 'invoiceableId', finderName: 'byInvoiceable', typeValues: ['Invoice', 'Subscription', 'Billing::Wallet'] },
      { association: 'record', typeColumn: 'recordType', idColumn: 'recordId', finderName: 'byRecord', typeValues: [] },
    ]);
    expect(diagnosticsWith(set, 'RR_POLYMORPHIC_TARGET_UNKNOWN').map((d) => [d.severity, d.where])).toEqual([['warning', 'public.fees.invoiceable']]);
  });

  it('reports a configured pair that does not exist', () => {
    const set = mapSchema(schema, { relationships: { polymorphic: { 'fees.owner': ['Invoice'] } } });
    expect(diagnosticsWith(set, 'RR_OVERRIDE_UNUSED').map((d) => d.where)).toEqual(['public.fees.owner']);
  });
});
