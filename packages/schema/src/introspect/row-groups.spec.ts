import { describe, expect, it } from 'vitest';
import { columnsInTableOrder, groupByRelation } from './row-groups.js';

describe('groupByRelation', () => {
  it('keeps each relation’s rows in the order they came', () => {
    const groups = groupByRelation([
      { relation: '2', name: 'b' },
      { relation: '1', name: 'x' },
      { relation: '2', name: 'a' },
    ]);
    expect([...groups].map(([relation, rows]) => [relation, rows.map((r) => r.name)])).toEqual([
      ['2', ['b', 'a']],
      ['1', ['x']],
    ]);
  });
});

describe('columnsInTableOrder', () => {
  it('orders each relation’s columns by attribute number, whatever order the server sent', () => {
    const rows = [
      { relation: '20', attnum: 3, name: 'c3' },
      { relation: '10', attnum: 12, name: 'a12' },
      { relation: '20', attnum: 1, name: 'c1' },
      { relation: '10', attnum: 2, name: 'a2' },
      { relation: '20', attnum: 2, name: 'c2' },
      { relation: '10', attnum: 1, name: 'a1' },
    ];
    const groups = columnsInTableOrder(rows);
    expect(groups.get('10')?.map((r) => r.name)).toEqual(['a1', 'a2', 'a12']);
    expect(groups.get('20')?.map((r) => r.name)).toEqual(['c1', 'c2', 'c3']);
  });
});
