import { describe, expect, it } from 'vitest';
import { columnSetKey, compareCodePoints, compareStringLists, sameSet } from './order.js';

describe('compareCodePoints', () => {
  it('orders ASCII like a byte comparison, uppercase first', () => {
    expect(['b', 'B', 'a', '_', 'A'].sort(compareCodePoints)).toEqual(['A', 'B', '_', 'a', 'b']);
  });

  it('puts characters above U+FFFF after U+E000–U+FFFF, unlike UTF-16 order', () => {
    const astral = '\u{1F600}';
    const privateUse = '\uE000';
    expect(compareCodePoints(astral, privateUse)).toBe(1);
    expect(compareCodePoints(privateUse, astral)).toBe(-1);
  });

  it('orders a prefix first and is 0 for equal strings', () => {
    expect(compareCodePoints('user', 'users')).toBe(-1);
    expect(compareCodePoints('users', 'users')).toBe(0);
  });

  it('does not depend on the locale', () => {
    expect(['ä', 'z', 'a'].sort(compareCodePoints)).toEqual(['a', 'z', 'ä']);
  });
});

describe('column sets', () => {
  it('compares lists element by element', () => {
    expect(compareStringLists(['a', 'b'], ['a', 'c'])).toBeLessThan(0);
    expect(compareStringLists(['a'], ['a', 'b'])).toBeLessThan(0);
  });

  it('treats sets without regard to order', () => {
    expect(sameSet(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameSet(['a', 'a'], ['a', 'b'])).toBe(false);
    expect(columnSetKey(['b', 'a'])).toBe(columnSetKey(['a', 'b']));
  });
});
