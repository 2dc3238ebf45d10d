import { describe, expect, it } from 'vitest';
import { Inflector } from './inflect.js';

const inflector = new Inflector();
const singular = (word: string): string => inflector.singularWord(word);
const plural = (word: string): string => inflector.pluralWord(word);

describe('Inflector', () => {
  it.each([
    ['people', 'person'],
    ['statuses', 'status'],
    ['children', 'child'],
    ['addresses', 'address'],
    ['categories', 'category'],
    ['criteria', 'criterion'],
    ['invoices', 'invoice'],
  ])('singular of %s is %s (from the library)', (word, expected) => {
    expect(singular(word)).toBe(expected);
  });

  it.each([
    ['data', 'data'],
    ['metadata', 'metadata'],
    ['media', 'media'],
    ['caches', 'cache'],
    ['cookies', 'cookie'],
    ['analyses', 'analysis'],
    ['gases', 'gas'],
    ['census', 'census'],
    ['atlas', 'atlas'],
    ['status', 'status'],
    ['ts', 'ts'],
  ])('singular of %s is %s (corrected)', (word, expected) => {
    expect(singular(word)).toBe(expected);
  });

  it.each([
    ['person', 'people'],
    ['status', 'statuses'],
    ['medium', 'media'],
    ['datum', 'data'],
    ['data', 'data'],
    ['media', 'media'],
    ['cache', 'caches'],
    ['analysis', 'analyses'],
    ['series', 'series'],
  ])('plural of %s is %s', (word, expected) => {
    expect(plural(word)).toBe(expected);
  });

  it('changes only the last word', () => {
    expect(inflector.singularWords(['credit', 'notes'])).toEqual(['credit', 'note']);
    expect(inflector.pluralWords(['status', 'history'])).toEqual(['status', 'histories']);
    expect(inflector.singularWords([])).toEqual([]);
  });

  it('leaves words with digits alone', () => {
    expect(singular('v2')).toBe('v2');
  });

  it('takes overrides from config', () => {
    const custom = new Inflector({ irregular: { cactus: 'cactuses', foo: 'fooz' }, uncountable: ['moose'] });
    expect(custom.pluralWord('cactus')).toBe('cactuses');
    expect(custom.singularWord('fooz')).toBe('foo');
    expect(custom.pluralWord('moose')).toBe('moose');
  });
});
