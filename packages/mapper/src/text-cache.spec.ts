import { describe, expect, it } from 'vitest';
import { TextCache } from './text-cache.js';

describe('TextCache', () => {
  it('computes each text once and remembers falsy values too', () => {
    const cache = new TextCache<string | null>(10);
    let calls = 0;
    const compute = (text: string): string | null => {
      calls++;
      return text === 'none' ? null : text.toUpperCase();
    };
    expect(cache.get('a', compute)).toBe('A');
    expect(cache.get('a', compute)).toBe('A');
    expect(cache.get('none', compute)).toBeNull();
    expect(cache.get('none', compute)).toBeNull();
    expect(calls).toBe(2);
  });

  it('starts over when full, so it never holds more than its limit', () => {
    const cache = new TextCache<number>(2);
    cache.remember('a', 1);
    cache.remember('b', 2);
    cache.remember('c', 3);
    expect(cache.find('a')).toBeUndefined();
    expect(cache.find('c')).toBe(3);
  });
});
