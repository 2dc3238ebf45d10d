import { readFileSync, statSync } from 'node:fs';

import { RendererError } from '../errors.js';
import { listTemplateFiles } from './builtin-templates.js';

/** A template's text and where it came from (for error messages). */
export interface TemplateSource {
  /** `schema`, `model`, … or `partials/<name>` for a partial. */
  readonly name: string;
  /** Path shown in errors: the project's file for overrides, the package's for built-ins. */
  readonly file: string;
  readonly source: string;
}

/** Reads a project's overrides: `<dir>/<name>.hbs` and `<dir>/partials/<name>.hbs`. */
export function readTemplateOverrides(dir: string): readonly TemplateSource[] {
  // A configured directory that is not there is most likely a typo: rendering with rr's own
  // templates instead would silently drop the project's overrides.
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new RendererError('RR_TEMPLATES_DIR', `template overrides directory ${dir} does not exist or is not a directory. Create it, or fix or remove templatesDir in rr.config.json.`);
  }
  return listTemplateFiles(dir).map(({ name, path }) => ({ name, file: path, source: readFileSync(path, 'utf8') }));
}
