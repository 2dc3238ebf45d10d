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

  it('agrees with a comparison of code point lists, whatever mix of characters', () => {
    const samples = ['', 'a', 'ab', 'a\u{1F600}', 'a\uE000', 'a\uFFFF', 'aä', 'a中', 'Z', '\u{10000}', '\uD7FF', 'user_id', 'userId'];
    const byCodePoints = (a: string, b: string): number => {
      const x = [...a].map((char) => char.codePointAt(0) as number);
      const y = [...b].map((char) => char.codePointAt(0) as number);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
      return Math.sign(x.length - y.length);
    };
    for (const a of samples) for (const b of samples) expect([a, b, compareCodePoints(a, b)]).toEqual([a, b, byCodePoints(a, b)]);
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
