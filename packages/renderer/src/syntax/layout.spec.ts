import { format } from 'prettier';
import { describe, expect, it } from 'vitest';

import { chainProperty, chainStatement, list, unionAlias, type Call } from './layout.js';

// The layout rules are checked against Prettier itself across the widths where they change.
async function prettier(source: string): Promise<string> {
  return format(source, { parser: 'typescript' });
}

const string = (n: number): string => `"${'s'.repeat(n)}"`;

describe('chainProperty', () => {
  const shapes: readonly (readonly [string, (from: number) => readonly [string, readonly Call[]]])[] = [
    ['builder only', () => ['string()', []]],
    ['optional', () => ['number()', [{ callee: 'optional', args: [] }]]],
    ['from', (n) => ['json<Settings>()', [{ callee: 'from', args: [string(n)] }]]],
    ['from + optional', (n) => ['string()', [{ callee: 'from', args: [string(n)] }, { callee: 'optional', args: [] }]]],
    ['validator', (n) => ['z', [{ callee: 'string', args: [] }, { callee: 'max', args: [String(n)] }, { callee: 'nullable', args: [] }]]],
    ['custom validator', () => ['z', [{ callee: 'custom<Settings>', args: [] }]]],
    ['enum', (n) => ['z', [{ callee: 'enum', args: [], array: [string(n), string(3)] }]]],
    ['nullable enum', (n) => ['z', [{ callee: 'enum', args: [], array: [string(n), string(3)] }, { callee: 'nullable', args: [] }]]],
  ];
  for (const [name, shape] of shapes) {
    it(`matches Prettier for ${name} at every key and argument width`, async () => {
      const lines: string[] = [];
      // Postgres names are at most 63 bytes; longer keys only test Prettier's corner cases.
      for (let key = 1; key <= 63; key += 2) {
        for (const from of [1, 10, 18, 19, 40, 63, 90]) {
          const [head, rest] = shape(from);
          lines.push(`  ${chainProperty('  ', 'k'.repeat(key), head, rest)}`);
        }
      }
      const source = `const columns = {\n${lines.join('\n')}\n};\n`;
      expect(source).toBe(await prettier(source));
    });
  }
});

describe('list', () => {
  it('matches Prettier for import lists of every width', async () => {
    const statements = Array.from({ length: 40 }, (_, n) => {
      const names = Array.from({ length: 1 + (n % 6) }, (_, i) => `name${i}${'x'.repeat(n)}`);
      return `import ${list('', '{', names, '}', ` from "./module${n}.js";`, 'import '.length)}`;
    });
    const source = `${statements.join('\n')}\n`;
    expect(source).toBe(await prettier(source));
  });
});

describe('unionAlias', () => {
  it('matches Prettier for unions of every width', async () => {
    const statements = Array.from({ length: 60 }, (_, n) => {
      const members = Array.from({ length: 1 + (n % 5) }, (_, i) => string(i * 3 + n));
      return unionAlias('', `export type Union${n}`, members);
    });
    const source = `${statements.join('\n')}\n`;
    expect(source).toBe(await prettier(source));
  });
});

describe('chainStatement', () => {
  it('matches Prettier for return statements of query chains at every width', async () => {
    const lines: string[] = [];
    for (let name = 1; name <= 70; name += 3) {
      for (const calls of [1, 2, 3]) {
        const rest: Call[] = Array.from({ length: calls }, (_, i) => (i === 2 ? { callee: 'one', args: [] } : { callee: 'where', args: [string(name % 23), `args.${'a'.repeat(name % 17 + 1)}`] }));
        lines.push(`  ${chainStatement('  ', 'return ', `zql.${'t'.repeat(name)}`, rest)}`);
      }
    }
    const source = `function queries() {\n${lines.join('\n')}\n}\n`;
    expect(source).toBe(await prettier(source));
  });
});
