import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { mapSchema } from '@rr/mapper';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';

import { BUILTIN_TEMPLATES_DIR, TemplateError, UnknownTemplateError, readTemplateOverrides, renderModelSet, templateSet } from '../index.js';
import { railsSnapshot } from '../testing/rails-schema.js';
import { COMPILE_OPTIONS } from './precompiled-templates.js';
import { compileSet } from './template-set.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project's template directory with these files (`partials/x.hbs` allowed). */
function overridesDir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rr-templates-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const builtin = (name: string): string => readFileSync(join(BUILTIN_TEMPLATES_DIR, `${name}.hbs`), 'utf8');
const modelSet = mapSchema(railsSnapshot());

describe('template overrides', () => {
  it('renders the schema module from a project override of `schema`', () => {
    const dir = overridesDir({ 'schema.hbs': `// project schema\n${builtin('schema')}` });
    const { files } = renderModelSet(modelSet, { templates: readTemplateOverrides(dir) });
    const schema = files.find((file) => file.path === 'schema.ts');
    expect(schema?.contents.startsWith('// project schema\n')).toBe(true);
    // The other templates stay rr's own.
    expect(files.find((file) => file.path === 'index.ts')?.contents).toBe(renderModelSet(modelSet).files.find((file) => file.path === 'index.ts')?.contents);
  });

  it('rr ships no partials, so an override of one is an unknown template', () => {
    const dir = overridesDir({ 'partials/header.hbs': '// header\n' });
    const overrides = readTemplateOverrides(dir);
    expect(overrides.map((override) => override.name)).toEqual(['partials/header']);
    expect(() => templateSet(overrides)).toThrow(UnknownTemplateError);
  });

  it('reports a syntax error with the file and line', () => {
    const dir = overridesDir({ 'index.hbs': '// line 1\n// line 2\n{{#each exports}}\n{{{this}}}\n' });
    const error = catchError(() => templateSet(readTemplateOverrides(dir)));
    expect(error).toBeInstanceOf(TemplateError);
    const templateError = error as TemplateError;
    expect(templateError.code).toBe('RR_TEMPLATE_SYNTAX');
    expect(templateError.template).toBe('index');
    expect(templateError.file).toBe(join(dir, 'index.hbs'));
    expect(templateError.line).toBeGreaterThanOrEqual(3);
    expect(templateError.message).toContain(`${join(dir, 'index.hbs')}:${templateError.line}`);
  });

  it('reports a runtime error (an unknown helper) with the file', () => {
    const dir = overridesDir({ 'support.hbs': '// support\n{{nope x}}\n' });
    const error = catchError(() => renderModelSet(modelSet, { templates: readTemplateOverrides(dir) }));
    expect(error).toBeInstanceOf(TemplateError);
    const templateError = error as TemplateError;
    expect(templateError.code).toBe('RR_TEMPLATE_RUNTIME');
    expect(templateError.template).toBe('support');
    expect(templateError.file).toBe(join(dir, 'support.hbs'));
    expect(templateError.message).toContain(join(dir, 'support.hbs'));
  });

  it('rejects an override for a template rr does not have', () => {
    const dir = overridesDir({ 'widget.hbs': 'x' });
    const error = catchError(() => templateSet(readTemplateOverrides(dir)));
    expect(error).toBeInstanceOf(UnknownTemplateError);
    expect((error as UnknownTemplateError).code).toBe('RR_TEMPLATE_UNKNOWN');
    expect((error as UnknownTemplateError).template).toBe('widget');
    expect((error as Error).message).toContain(join(dir, 'widget.hbs'));
  });
});

describe('template set', () => {
  it('is compiled once per process for the same templates', () => {
    const dir = overridesDir({ 'index.hbs': `// once\n${builtin('index')}` });
    const first = templateSet(readTemplateOverrides(dir));
    // Read again: equal texts, new objects.
    expect(templateSet(readTemplateOverrides(dir))).toBe(first);
    expect(templateSet()).toBe(templateSet([]));
    expect(templateSet()).not.toBe(first);
    expect(templateSet().hash).not.toBe(first.hash);
  });

  it('counts one render per file', () => {
    const result = renderModelSet(modelSet);
    expect(result.stats.renders).toBe(result.files.length);
    // The counter is per call, not per process.
    expect(renderModelSet(modelSet).stats.renders).toBe(result.files.length);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('precompiled templates', () => {
  /** Handlebars' precompiled form of `text`, made as the bundle build makes it. */
  const precompiled = (text: string): TemplateSpecification => new Function(`return ${Handlebars.precompile(text, COMPILE_OPTIONS)}`)() as TemplateSpecification;
  const source = (name: string, text: string) => ({ name, file: `test/${name}.hbs`, source: text });

  it('takes a template from its precompiled form when the text is the one it was made from', () => {
    // The form was made from other text than the source given: only the form can print "made".
    const set = compileSet([source('index', 'at run time {{x}}')], 'h1', new Map([['index', { source: 'at run time {{x}}', spec: precompiled('made {{x}}') }]]));
    expect(set.render('index', { x: 1 })).toBe('made 1');
  });

  it('compiles a template whose text is not the one its precompiled form was made from', () => {
    const set = compileSet([source('index', 'edited {{x}}')], 'h2', new Map([['index', { source: 'at run time {{x}}', spec: precompiled('made {{x}}') }]]));
    expect(set.render('index', { x: 1 })).toBe('edited 1');
  });

  it('fails as the compiled template fails: strict lookups, and the error names the template', () => {
    const text = '// header\n{{post.title}}\n';
    const fromForm = compileSet([source('index', text)], 'h3', new Map([['index', { source: text, spec: precompiled(text) }]]));
    const atRunTime = compileSet([source('index', text)], 'h4', new Map());
    const failure = (set: typeof fromForm) => catchError(() => set.render('index', { post: {} })) as TemplateError;

    expect(fromForm.render('index', { post: { title: 'Hi' } })).toBe('// header\nHi\n');
    expect(failure(fromForm)).toBeInstanceOf(TemplateError);
    expect(failure(fromForm)).toMatchObject({ code: 'RR_TEMPLATE_RUNTIME', template: 'index', file: 'test/index.hbs', line: failure(atRunTime).line });
    expect(failure(fromForm).message).toBe(failure(atRunTime).message);
  });
});
