import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';

import { registerArrayEach } from './array-each.js';
import { COMPILE_OPTIONS } from './precompiled-templates.js';

/** The text `template` renders with Handlebars' own `each` and with rr's. */
function bothWays(template: string, context: object): { builtin: string; lean: string } {
  const plain = Handlebars.create();
  const lean = Handlebars.create();
  registerArrayEach(lean);
  return { builtin: plain.compile(template, COMPILE_OPTIONS)(context), lean: lean.compile(template, COMPILE_OPTIONS)(context) };
}

const lines = ['const a = 1;', 'const b = 2;', 'const c = 3;'];
// A sparse array: the built-in skips the holes and still counts their indexes.
const sparse = ['x', , 'z'];

describe("rr's each", () => {
  it.each([
    ['lines', '{{#each lines}}\n{{{this}}}\n{{/each}}\n', { lines }],
    ['@index, @key, @first and @last', '{{#each lines}}{{@index}}:{{@key}}:{{@first}}:{{@last}} {{/each}}', { lines }],
    ['block parameters', '{{#each lines as |line n|}}{{n}}={{line}};{{/each}}', { lines }],
    ['one block parameter', '{{#each lines as |line|}}[{{line}}]{{/each}}', { lines }],
    ['the parent context', '{{#each rows}}{{../title}}:{{name}} {{/each}}', { title: 'top', rows: [{ name: 'p' }, { name: 'q' }] }],
    ['a nested each and the outer index', '{{#each groups}}{{#each this}}{{@../index}}.{{@index}}={{this}} {{/each}}{{/each}}', { groups: [['a', 'b'], ['c']] }],
    ['else for an empty array', '{{#each lines}}{{this}}{{else}}none{{/each}}', { lines: [] }],
    ['an empty array without else', '[{{#each lines}}{{this}}{{/each}}]', { lines: [] }],
    ['a sparse array', '{{#each sparse}}{{@index}}{{this}}{{#if @last}}!{{/if}} {{/each}}', { sparse }],
    ['an object, given to the built-in', '{{#each record}}{{@key}}={{this}}{{#if @last}}.{{/if}} {{/each}}', { record: { a: 1, b: 2 } }],
    ['objects as items', '{{#each rows}}{{name}}{{#unless @last}}, {{/unless}}{{/each}}', { rows: [{ name: 'p' }, { name: 'q' }] }],
  ])('renders %s as the built-in does', (_, template, context) => {
    const { builtin, lean } = bothWays(template, context);
    expect(lean).toBe(builtin);
  });

  it('keeps strict mode: a missing field of an item fails as with the built-in', () => {
    const template = '{{#each rows}}{{name}}{{/each}}';
    const plain = Handlebars.create();
    const lean = Handlebars.create();
    registerArrayEach(lean);
    const context = { rows: [{ title: 'no name' }] };
    expect(() => lean.compile(template, COMPILE_OPTIONS)(context)).toThrow(/"name" not defined/);
    expect(() => plain.compile(template, COMPILE_OPTIONS)(context)).toThrow(/"name" not defined/);
  });
});
