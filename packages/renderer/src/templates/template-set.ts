import { createHash } from 'node:crypto';

import Handlebars from 'handlebars';

import { TemplateError, UnknownTemplateError } from '../errors.js';
import { builtinTemplates } from './builtin-templates.js';
import { registerHelpers } from './helpers.js';
import { COMPILE_OPTIONS, PRECOMPILED_TEMPLATES, type PrecompiledTemplate } from './precompiled-templates.js';
import type { TemplateSource } from './template-source.js';

type Render = (context: object) => string;

/** The compiled templates of one render configuration: rr's own, with a project's overrides. */
export interface TemplateSet {
  /** Hash of every template's text: part of the key of anything cached from a render. */
  readonly hash: string;
  render(name: string, context: object): string;
  /** How many times `render` ran: equals the files rendered. */
  readonly invocations: () => number;
}

const PARTIAL_PREFIX = 'partials/';

// Compiled once per process per distinct set of template texts.
const compiled = new Map<string, TemplateSet>();

/** The template set for these overrides, compiled on first use and shared afterwards. */
export function templateSet(overrides: readonly TemplateSource[] = []): TemplateSet {
  const builtins = builtinTemplates();
  const known = new Set(builtins.map((template) => template.name));
  for (const override of overrides) {
    if (!known.has(override.name)) throw new UnknownTemplateError(override.name, override.file, [...known]);
  }
  const byName = new Map(builtins.map((template) => [template.name, template]));
  for (const override of overrides) byName.set(override.name, override);
  const sources = [...byName.values()];
  const hash = hashSources(sources);
  let set = compiled.get(hash);
  if (set === undefined) {
    set = compileSet(sources, hash);
    compiled.set(hash, set);
  }
  return set;
}

function hashSources(sources: readonly TemplateSource[]): string {
  const hash = createHash('sha256');
  for (const { name, source } of sources) hash.update(`${name}\0${source}\0`);
  return hash.digest('hex');
}

/**
 * Compiles the templates of one set; a template whose text is that of its precompiled form is
 * taken from there instead (exported for its tests).
 */
export function compileSet(sources: readonly TemplateSource[], hash: string, precompiled: ReadonlyMap<string, PrecompiledTemplate> = PRECOMPILED_TEMPLATES): TemplateSet {
  const env = Handlebars.create();
  registerHelpers(env);
  const templates = new Map<string, { readonly source: TemplateSource; readonly render: Render }>();
  for (const source of sources) {
    const ready = precompiled.get(source.name);
    const render: Render = ready?.source === source.source ? env.template(ready.spec) : env.compile(parse(source), COMPILE_OPTIONS);
    if (source.name.startsWith(PARTIAL_PREFIX)) env.registerPartial(source.name.slice(PARTIAL_PREFIX.length), render);
    else templates.set(source.name, { source, render });
  }
  let invocations = 0;
  return {
    hash,
    invocations: () => invocations,
    render(name, context) {
      const template = templates.get(name);
      if (template === undefined) throw new Error(`rr has no template "${name}"`);
      invocations++;
      try {
        return flattened(template.render(context));
      } catch (error) {
        throw runtimeError(template.source, sources, error);
      }
    },
  };
}

/**
 * Handlebars builds its output by concatenation, and V8 keeps such a string as a tree of pieces
 * (a rope) until something needs it flat: for musicbrainz that is 18 MB held against 6 MB of
 * text. Converting a string to a number flattens it in place, freeing the pieces; the writer
 * has to flatten it anyway to make bytes, so this moves the cost rather than adding it.
 */
function flattened(text: string): string {
  void (Number(text) as unknown);
  return text;
}

function parse(source: TemplateSource): hbs.AST.Program {
  try {
    return Handlebars.parse(source.source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /on line (\d+)/.exec(message)?.[1];
    throw new TemplateError(
      'RR_TEMPLATE_SYNTAX',
      { template: source.name, file: source.file, line: line === undefined ? null : Number(line), reason: message.split('\n')[0] ?? message },
      { cause: error },
    );
  }
}

function runtimeError(template: TemplateSource, sources: readonly TemplateSource[], error: unknown): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const lineNumber = (error as { lineNumber?: unknown }).lineNumber;
  // Handlebars does not say which partial failed; name the template that was rendering.
  const partial = /partial (\S+)/.exec(message)?.[1];
  const culprit = sources.find((source) => source.name === `${PARTIAL_PREFIX}${partial}`) ?? template;
  return new TemplateError(
    'RR_TEMPLATE_RUNTIME',
    { template: culprit.name, file: culprit.file, line: typeof lineNumber === 'number' ? lineNumber : null, reason: message.split('\n')[0] ?? message },
    { cause: error },
  );
}
