import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';

import { registerHelpers } from './helpers.js';
import { COMPILE_OPTIONS } from './precompiled-templates.js';

function render(template: string, context: object): string {
  const env = Handlebars.create();
  registerHelpers(env);
  return env.compile(template, COMPILE_OPTIONS)(context);
}

describe('lines', () => {
  it.each([
    ['several lines', ['import { a } from "./a.js";', '', 'const b = `<${a}>` & "c";']],
    ['one line', ['only']],
    ['no lines', []],
  ])('prints %s as `each` around `{{{this}}}` does, the lines above and below kept', (_, list) => {
    const context = { list };
    const withLines = render('before\n{{#lines list}}\n{{/lines}}\nafter\n', context);
    expect(withLines).toBe(render('before\n{{#each list}}\n{{{this}}}\n{{/each}}\nafter\n', context));
    expect(withLines).toBe(`before\n${list.map((line) => `${line}\n`).join('')}after\n`);
  });

  it('puts `indent` spaces before each line, from a number or a field of the context', () => {
    const groups = [
      { indent: 4, entries: ['a,', 'b,'] },
      { indent: 6, entries: ['c,'] },
    ];
    expect(render('{{#each groups}}\n{{#lines entries indent}}\n{{/lines}}\n{{/each}}\n', { groups })).toBe(
      render('{{#each groups}}\n{{#each entries}}\n{{{spaces ../indent}}}{{{this}}}\n{{/each}}\n{{/each}}\n', { groups }),
    );
    expect(render('{{#lines list 2}}\n{{/lines}}\n', { list: ['x;', 'y;'] })).toBe('  x;\n  y;\n');
  });

  it("prints nothing for a field that is not a list, as `each` does (strict mode does not check a block's parameters)", () => {
    for (const context of [{}, { list: null }, { list: 'text' }]) {
      expect(render('{{#lines list}}\n{{/lines}}\n', context)).toBe(render('{{#each list}}\n{{{this}}}\n{{/each}}\n', context));
    }
  });
});
