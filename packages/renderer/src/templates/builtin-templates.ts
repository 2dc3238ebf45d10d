import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

import type { TemplateSource } from './template-source.js';

/**
 * rr's own templates ship as files at the package root (`templates/`), so a project can copy one,
 * edit it and point `templatesDir` at the copy. Found through the package's own name rather than
 * this module's location, because the `rrgen` bundle inlines this module somewhere else.
 */
export const BUILTIN_TEMPLATES_DIR = join(dirname(createRequire(import.meta.url).resolve('@rr/renderer/package.json')), 'templates');

export const TEMPLATE_EXTENSION = '.hbs';

let builtins: readonly TemplateSource[] | undefined;

/** The built-in templates and partials, read once per process. */
export function builtinTemplates(): readonly TemplateSource[] {
  builtins ??= listTemplateFiles(BUILTIN_TEMPLATES_DIR).map(({ name, path }) => ({
    name,
    file: `@rr/renderer/templates/${relative(BUILTIN_TEMPLATES_DIR, path)}`,
    source: readFileSync(path, 'utf8'),
  }));
  return builtins;
}

/** `<name>.hbs` at the top and `partials/<name>.hbs`, sorted by name. */
export function listTemplateFiles(dir: string): { readonly name: string; readonly path: string }[] {
  const found: { name: string; path: string }[] = [];
  for (const sub of ['', 'partials']) {
    let entries: string[];
    try {
      entries = readdirSync(join(dir, sub));
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.endsWith(TEMPLATE_EXTENSION)) continue;
      const base = entry.slice(0, -TEMPLATE_EXTENSION.length);
      found.push({ name: sub === '' ? base : `${sub}/${base}`, path: join(dir, sub, entry) });
    }
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
