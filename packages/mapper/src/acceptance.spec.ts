/**
 * Acceptance tests over the shared real-world schemas (../shared/schemas). They need snapshots
 * produced by @rr/schema, read from the directory named by RR_ACCEPTANCE_SNAPSHOTS
 * (`<name>.json`: lago, chinook, openstreetmap, musicbrainz, pagila); tools/acceptance.sh writes
 * them and runs this file (with RR_ACCEPTANCE=1, which the vitest preset needs to collect it).
 * Without the variable everything here is skipped. Expectations come from the .sql files
 * themselves (grep them to check a number).
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaSnapshot } from '@rr/schema';
import { describe, expect, it } from 'vitest';
import { mapSchema } from './map-schema.js';
import type { ModelSet } from './model-set.js';
import { compareCodePoints } from './order.js';
import { diagnosticsWith, model, relationship } from './testing/lookup.js';

const directory = process.env['RR_ACCEPTANCE_SNAPSHOTS'];

const loaded = new Map<string, SchemaSnapshot>();

/** Read on first use, so a missing file fails that schema's tests only, with a clear message. */
function load(name: string): SchemaSnapshot {
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const file = join(directory as string, `${name}.json`);
  if (!existsSync(file)) throw new Error(`RR_ACCEPTANCE_SNAPSHOTS has no ${name}.json (${file}); tools/acceptance.sh writes it`);
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as SchemaSnapshot;
  loaded.set(name, snapshot);
  return snapshot;
}

const mapped = new Map<string, ModelSet>();

function mappedDefault(name: string): ModelSet {
  const cached = mapped.get(name);
  if (cached !== undefined) return cached;
  const set = mapSchema(load(name));
  mapped.set(name, set);
  return set;
}

const ZERO_NAME = /^[A-Za-z_]+[A-Za-z0-9_-]*$/;

/** What Zero's createSchema would reject, and what would make generated files collide. */
function expectValidForZero(set: ModelSet): void {
  const byKey = new Map(set.models.map((item) => [item.key, item]));
  const unique = (values: readonly string[]) => expect(new Set(values).size).toBe(values.length);
  unique(set.models.map((item) => item.zeroName));
  unique(set.models.map((item) => item.modelName));
  unique(set.models.map((item) => item.fileName.toLowerCase()));
  unique([
    ...set.models.flatMap((item) => [item.modelName, item.typeNames.row, item.typeNames.insert, item.typeNames.update]),
    ...set.enums.map((item) => item.name),
  ]);
  for (const item of set.models) {
    expect(item.zeroName).toMatch(ZERO_NAME);
    expect(item.primaryKey.length).toBeGreaterThan(0);
    const columns = new Set(item.columns.map((c) => c.name));
    unique(item.columns.map((c) => c.name));
    unique(item.relationships.map((r) => r.name));
    for (const c of item.columns) expect(c.name).toMatch(ZERO_NAME);
    for (const key of item.primaryKey) expect(columns.has(key)).toBe(true);
    for (const rel of item.relationships) {
      expect(rel.name).toMatch(ZERO_NAME);
      expect(columns.has(rel.name)).toBe(false);
      let source = item;
      for (const hop of rel.hops) {
        const destination = byKey.get(hop.destModel);
        expect(destination, `${item.key}.${rel.name} → ${hop.destModel}`).toBeDefined();
        expect(hop.destSchema).toBe(destination?.zeroName);
        expect(hop.sourceField.length).toBe(hop.destField.length);
        const sourceColumns = new Set(source.columns.map((c) => c.name));
        const destColumns = new Set(destination?.columns.map((c) => c.name));
        for (const field of hop.sourceField) expect(sourceColumns.has(field), `${source.key}.${field}`).toBe(true);
        for (const field of hop.destField) expect(destColumns.has(field), `${hop.destModel}.${field}`).toBe(true);
        source = destination ?? source;
      }
      if (rel.inverse !== null) {
        expect(byKey.get(rel.target)?.relationships.some((other) => other.name === rel.inverse)).toBe(true);
      }
    }
  }
  expect(set.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
}

describe.runIf(directory)('acceptance: shared schemas', () => {
  describe('lago', () => {
    it('is valid for Zero', () => {
      expectValidForZero(mappedDefault('lago'));
    });

    it('detects the string-typed <name>_type / <name>_id pairs with no foreign key as polymorphic', () => {
      const set = mappedDefault('lago');
      const pairs = set.models.flatMap((item) => item.polymorphic.map((pair) => `${item.key}.${pair.name}`)).sort(compareCodePoints);
      expect(pairs.length).toBeGreaterThanOrEqual(13);
      expect(pairs).toEqual([
        'public.active_storage_attachments.record',
        'public.applied_pricing_units.pricingUnitable',
        'public.billing_object_connections.owner',
        'public.error_details.owner',
        'public.fees.invoiceable',
        'public.idempotency_records.resource',
        'public.integration_mappings.mappable',
        'public.integration_resources.syncable',
        'public.item_metadata.owner',
        'public.payment_methods.providerMethod',
        'public.payments.payable',
        'public.refunds.refundable',
        'public.versions.item',
        'public.webhooks.object',
      ]);
      expect(model(set, 'public.fees').polymorphic.find((pair) => pair.name === 'invoiceable')).toMatchObject({
        typeColumn: 'invoiceableType',
        idColumn: 'invoiceableId',
      });
      expect(diagnosticsWith(set, 'RR_POLYMORPHIC_ASSOCIATION')).toHaveLength(pairs.length);
    });

    it('does not take an integer _type, or an enum _type whose id has a foreign key, as polymorphic', () => {
      const set = mappedDefault('lago');
      expect(model(set, 'public.adjusted_fees').polymorphic).toEqual([]);
      for (const key of ['public.recurring_transaction_rules', 'public.subscriptions', 'public.wallet_transactions', 'public.wallets']) {
        expect(model(set, key).polymorphic.map((pair) => pair.name)).not.toContain('paymentMethod');
      }
    });

    it('turns configured polymorphic targets into typed relationships', () => {
      const typed = mapSchema(load('lago'), { relationships: { polymorphic: { 'fees.invoiceable': ['Invoice'] } } });
      expect(relationship(model(typed, 'public.fees'), 'invoiceableInvoice')).toMatchObject({
        typeFilter: { side: 'source', column: 'invoiceableType', value: 'Invoice' },
        hops: [{ sourceField: ['invoiceableId'], destField: ['id'], destSchema: 'invoices' }],
      });
      expect(relationship(model(typed, 'public.invoices'), 'invoiceableFees').typeFilter).toEqual({
        side: 'destination',
        column: 'invoiceableType',
        value: 'Invoice',
      });
    });

    it('gives every table with a deleted_at column soft-delete (paranoia) behaviour', () => {
      const set = mappedDefault('lago');
      const withDeletedAt = load('lago').tables
        .filter((item) => item.columns.some((c) => c.name === 'deleted_at'))
        .map((item) => `${item.schema}.${item.name}`)
        .sort(compareCodePoints);
      // lago's structure.sql has 47 deleted_at columns.
      expect(withDeletedAt).toHaveLength(47);
      const soft = set.models
        .filter((item) => item.behaviours.softDelete !== null)
        .map((item) => [item.key, item.behaviours.softDelete]);
      expect(soft).toEqual(withDeletedAt.map((key) => [key, { column: 'deletedAt', style: 'paranoia' }]));
    });
  });

  describe('chinook', () => {
    it('is valid for Zero', () => {
      expectValidForZero(mappedDefault('chinook'));
    });

    it('makes playlist_track a many-to-many between playlists and tracks, on both sides', () => {
      const set = mappedDefault('chinook');
      expect(relationship(model(set, 'public.playlist'), 'tracks')).toMatchObject({
        cardinality: 'many',
        kind: 'many-to-many',
        through: 'public.playlist_track',
        target: 'public.track',
        inverse: 'playlists',
        hops: [
          { sourceField: ['playlistId'], destField: ['playlistId'], destSchema: 'playlistTrack', destModel: 'public.playlist_track' },
          { sourceField: ['trackId'], destField: ['trackId'], destSchema: 'track', destModel: 'public.track' },
        ],
      });
      expect(relationship(model(set, 'public.track'), 'playlists')).toMatchObject({
        kind: 'many-to-many',
        through: 'public.playlist_track',
        target: 'public.playlist',
        hops: [
          { sourceField: ['trackId'], destField: ['trackId'], destSchema: 'playlistTrack' },
          { sourceField: ['playlistId'], destField: ['playlistId'], destSchema: 'playlist' },
        ],
      });
    });

    it('names the employee self-reference and the support rep', () => {
      const set = mappedDefault('chinook');
      expect(relationship(model(set, 'public.customer'), 'supportRep')).toMatchObject({ target: 'public.employee', hops: [{ sourceField: ['supportRepId'], destField: ['employeeId'] }] });
      expect(relationship(model(set, 'public.employee'), 'customers').inverse).toBe('supportRep');
      expect(relationship(model(set, 'public.employee'), 'reportsToEmployee')).toMatchObject({ target: 'public.employee', inverse: 'reportsToEmployees' });
    });
  });

  describe('openstreetmap', () => {
    it('is valid for Zero', () => {
      expectValidForZero(mappedDefault('openstreetmap'));
    });

    it.each([
      ['public.node_tags', 'node', 'public.nodes', ['nodeId', 'version'], 'nodeTags'],
      ['public.relation_members', 'relation', 'public.relations', ['relationId', 'version'], 'relationMembers'],
      ['public.relation_tags', 'relation', 'public.relations', ['relationId', 'version'], 'relationTags'],
      ['public.way_nodes', 'way', 'public.ways', ['wayId', 'version'], 'wayNodes'],
      ['public.way_tags', 'way', 'public.ways', ['wayId', 'version'], 'wayTags'],
    ])('pairs the composite foreign key of %s correctly', (holder, name, target, fields, inverse) => {
      const set = mappedDefault('openstreetmap');
      const rel = relationship(model(set, holder), name);
      expect(rel).toMatchObject({ cardinality: 'one', kind: 'belongs-to', origin: 'foreign-key', target, inverse });
      expect(rel.hops).toEqual([{ sourceField: fields, destField: fields, destSchema: model(set, target).zeroName, destModel: target }]);
      expect(relationship(model(set, target), inverse)).toMatchObject({
        cardinality: 'many',
        hops: [{ sourceField: fields, destField: fields, destModel: holder }],
      });
    });
  });

  describe('musicbrainz', () => {
    it.each([
      ['default config', {}],
      ['musicbrainz unprefixed', { names: { unprefixedSchemas: ['public', 'musicbrainz'] } }],
    ])('maps with no unresolved name collision (%s)', (_label, config) => {
      const set = mapSchema(load('musicbrainz'), config);
      expect(set.models.length).toBeGreaterThan(400);
      expectValidForZero(set);
      expect(diagnosticsWith(set, 'RR_NAME_COLLISION')).toEqual([]);
    });
  });

  describe('pagila', () => {
    it('is valid for Zero, with the partitioned payment table as one model', () => {
      const set = mappedDefault('pagila');
      expectValidForZero(set);
      expect(model(set, 'public.payment').tableKind).toBe('partitioned');
      expect(diagnosticsWith(set, 'RR_PARTITION_SKIPPED').length).toBeGreaterThan(0);
    });

    it('maps the mpaa_rating enum and leaves out domains, tsvector and bytea', () => {
      const set = mappedDefault('pagila');
      expect(set.enums.map((item) => item.pgName)).toContain('mpaa_rating');
      const omitted = set.models.flatMap((item) => item.omittedColumns.map((c) => `${item.key}.${c.name}`));
      expect(omitted).toEqual(expect.arrayContaining(['public.film.fulltext', 'public.film.release_year']));
    });
  });
});
