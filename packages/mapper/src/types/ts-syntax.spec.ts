import { describe, expect, it } from 'vitest';
import { tsString } from './ts-syntax.js';

describe('tsString', () => {
  it('quotes plain text as it is', () => {
    expect(tsString('created_at')).toBe('"created_at"');
    expect(tsString('naïve 😀')).toBe('"na\\u00efve \\ud83d\\ude00"');
  });

  it('escapes quotes, backslashes and control or line-separator characters', () => {
    expect(tsString("it's")).toBe('"it\'s"');
    expect(tsString('say "hi"')).toBe(`'say "hi"'`);
    expect(tsString('a\\b')).toBe('"a\\\\b"');
    expect(tsString('a\nb\tc\rd')).toBe('"a\\nb\\tc\\rd"');
    expect(tsString('\u0000\u007f\u2028\u2029')).toBe('"\\u0000\\u007f\\u2028\\u2029"');
  });
});
