import { describe, expect, it } from 'vitest';
import { decodeTypeModifier } from './type-modifier.js';

/**
 * The raw `atttypmod` values below are what PostgreSQL stores for each declaration (checked
 * against `SELECT atttypmod FROM pg_attribute`); the integration tests check the same decoding
 * against a real catalog.
 */
describe('decodeTypeModifier', () => {
  it('says nothing when there is no modifier (-1)', () => {
    for (const type of ['varchar', 'bpchar', 'numeric', 'timestamp', 'interval', 'bit', 'text']) {
      expect(decodeTypeModifier(type, -1)).toEqual({ length: null, precision: null, scale: null });
    }
  });

  it.each([
    ['character varying(255)', 'varchar', 259, 255],
    ['character varying(1)', 'varchar', 5, 1],
    ['character(5)', 'bpchar', 9, 5],
    ['bit(8)', 'bit', 8, 8],
    ['bit varying(16)', 'varbit', 16, 16],
  ])('%s: length', (_, type, typmod, length) => {
    expect(decodeTypeModifier(type, typmod)).toEqual({ length, precision: null, scale: null });
  });

  it.each([
    ['numeric(10,2)', (10 << 16) + 2 + 4, 10, 2],
    ['numeric(12,0)', (12 << 16) + 4, 12, 0],
    ['numeric(1000,1000)', (1000 << 16) + 1000 + 4, 1000, 1000],
    // PostgreSQL 15+ allows negative scales, stored as an 11-bit two's complement field.
    ['numeric(3,-1)', (3 << 16) + 0x7ff + 4, 3, -1],
    ['numeric(5,-1000)', (5 << 16) + (0x800 - 1000) + 4, 5, -1000],
  ])('%s: precision and scale', (_, typmod, precision, scale) => {
    expect(decodeTypeModifier('numeric', typmod)).toEqual({ length: null, precision, scale });
  });

  it.each([
    ['time(0)', 'time', 0],
    ['time(3) with time zone', 'timetz', 3],
    ['timestamp(6)', 'timestamp', 6],
    ['timestamp(3) with time zone', 'timestamptz', 3],
  ])('%s: fractional-second precision', (_, type, typmod) => {
    expect(decodeTypeModifier(type, typmod)).toEqual({ length: null, precision: typmod, scale: null });
  });

  it('interval: the precision is the low 16 bits; 0xFFFF there means none (fields only)', () => {
    // interval(2) = all fields (0x7FFF) << 16 | 2; interval minute = MINUTE bit (1 << 11) << 16 | 0xFFFF.
    expect(decodeTypeModifier('interval', (0x7fff << 16) | 2)).toEqual({ length: null, precision: 2, scale: null });
    expect(decodeTypeModifier('interval', ((1 << 11) << 16) | 0xffff)).toEqual({ length: null, precision: null, scale: null });
  });

  it('ignores modifiers of types it does not know (extension and user types)', () => {
    expect(decodeTypeModifier('geometry', 1107460)).toEqual({ length: null, precision: null, scale: null });
    expect(decodeTypeModifier('citext', 20)).toEqual({ length: null, precision: null, scale: null });
  });
});
