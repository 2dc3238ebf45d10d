import { mapSchema } from '@rr/mapper';
import { check } from 'prettier';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { modelPaths, renderModelSet, SHARED_FILES } from './index.js';
import { railsSnapshot } from './testing/rails-schema.js';
import { shuffleSnapshot } from './testing/snapshot.js';
import { sourceFacts } from './testing/source-facts.js';

const modelSet = mapSchema(railsSnapshot());
const rendered = renderModelSet(modelSet);

describe('renderModelSet', () => {
  it('renders the same bytes twice, and from a shuffled snapshot', () => {
    expect(renderModelSet(modelSet)).toEqual(rendered);
    for (const seed of [1, 2, 3, 42]) {
      expect(renderModelSet(mapSchema(shuffleSnapshot(railsSnapshot(), seed))).files, `seed ${seed}`).toEqual(rendered.files);
    }
  });

  it('renders a schema, one model and one record per table, registries, support and index', () => {
    const paths = rendered.files.map((file) => file.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(
      [
        'index.ts',
        'mutators.ts',
        'queries.ts',
        'schema.ts',
        'support.ts',
        ...modelSet.models.flatMap((model) => [`models/${model.fileName}.ts`, `records/${model.fileName}.ts`]),
      ].sort(),
    );
    // The path lists callers use to find a model's files (the render cache) say the same.
    expect(paths).toEqual([...SHARED_FILES, ...modelSet.models.flatMap((model) => modelPaths(model.fileName))].sort());
  });

  it('invokes a template once per file rendered', () => {
    expect(rendered.stats.renders).toBe(rendered.files.length);
  });

  it('adds .js to relative imports by default, and nothing with importExtensions: false', () => {
    const relative = (contents: string): string[] => [...contents.matchAll(/from "(\.{1,2}\/[^"]*)"/g)].map((match) => match[1] as string);
    const withExtensions = rendered.files.flatMap((file) => relative(file.contents));
    expect(withExtensions.length).toBeGreaterThan(0);
    expect(withExtensions.filter((specifier) => !specifier.endsWith('.js'))).toEqual([]);

    const without = renderModelSet(modelSet, { importExtensions: false }).files.flatMap((file) => relative(file.contents));
    expect(without).toEqual(withExtensions.map((specifier) => specifier.slice(0, -'.js'.length)));
  });

  it('keeps clocks and random ids out of mutators: only the record facades use them', () => {
    for (const file of rendered.files) {
      const { sourceFile } = sourceFacts(file.path, file.contents);
      const inMutators: string[] = [];
      const visit = (node: ts.Node, inside: boolean): void => {
        const isMutator = ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineMutator';
        if (inside && (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node))) {
          const text = node.getText(sourceFile);
          if (/^(?:Date\.now\(\)|crypto\.randomUUID\(\))$/.test(text)) inMutators.push(text);
        }
        ts.forEachChild(node, (child) => visit(child, inside || isMutator));
      };
      visit(sourceFile, false);
      expect(inMutators, file.path).toEqual([]);
      if (!file.path.startsWith('records/')) {
        expect(file.contents, file.path).not.toMatch(/Date\.now\(|randomUUID/);
      }
    }
    // The facades do fill them, so the check above is not vacuous.
    expect(rendered.files.some((file) => file.contents.includes('crypto.randomUUID()'))).toBe(true);
    expect(rendered.files.some((file) => file.contents.includes('Date.now()'))).toBe(true);
  });

  it('is formatted as Prettier (defaults) formats it', async () => {
    const unformatted: string[] = [];
    for (const file of rendered.files) {
      if (!(await check(file.contents, { parser: 'typescript' }))) unformatted.push(file.path);
    }
    expect(unformatted).toEqual([]);
  });

  it('parses every file', () => {
    for (const file of rendered.files) expect(sourceFacts(file.path, file.contents).syntaxErrors, file.path).toEqual([]);
  });

  it('renders shared and per-model parts apart, each once, and together they are the whole', () => {
    const all = renderModelSet(modelSet).files;
    const shared = renderModelSet(modelSet, { parts: 'shared' });
    const halves = [modelSet.models.slice(0, 2), modelSet.models.slice(2)].map((models) => renderModelSet({ ...modelSet, models }, { parts: 'per-model' }));
    expect(shared.stats.renders).toBe(5);
    expect(halves.reduce((n, half) => n + half.stats.renders, 0)).toBe(2 * modelSet.models.length);
    const combined = [...shared.files, ...halves.flatMap((half) => half.files)].sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(combined).toEqual(all);
  });
});

