import { describe, expect, it } from 'vitest';
import { safeIdentifier } from './safe-name.js';

describe('safeIdentifier', () => {
  it('keeps safe names', () => {
    expect(safeIdentifier('userId', 'x')).toEqual({ name: 'userId', problem: null });
  });

  it('suffixes reserved words, including Zero’s _0_version', () => {
    expect(safeIdentifier('delete', 'x')).toEqual({ name: 'delete_', problem: 'reserved' });
    expect(safeIdentifier('_0_version', 'x')).toEqual({ name: '_0_version_', problem: 'reserved' });
    expect(safeIdentifier('constructor', 'x').name).toBe('constructor_');
  });

  it('prefixes a leading digit', () => {
    expect(safeIdentifier('2faEnabled', 'x')).toEqual({ name: '_2faEnabled', problem: 'invalid' });
  });

  it('transliterates non-ASCII letters deterministically', () => {
    expect(safeIdentifier('naïve', 'x').name).toBe('naive');
    expect(safeIdentifier('bıgınt', 'x').name).toBe('bigint');
    expect(safeIdentifier('straße', 'x').name).toBe('strasse');
    expect(safeIdentifier('名前', 'column3').name).toBe('column3');
  });

  it('replaces other characters by underscores', () => {
    expect(safeIdentifier('my-col', 'x')).toEqual({ name: 'my_col', problem: 'invalid' });
  });
});
