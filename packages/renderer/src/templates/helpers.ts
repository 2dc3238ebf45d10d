import type Handlebars from 'handlebars';

import { docComment, propertyKey, stringLiteral } from '../syntax/literals.js';
import { registerArrayEach } from './array-each.js';

/**
 * Every helper a template may call. Templates only arrange what the views computed; helpers
 * here print values safely (string literals, keys, comments) and never decide layout.
 */
export function registerHelpers(env: typeof Handlebars): void {
  registerArrayEach(env);
  /** A string literal that parses back to exactly the text. */
  env.registerHelper('str', (text: unknown) => stringLiteral(String(text)));
  /** An object key, quoted only when it must be. */
  env.registerHelper('key', (name: unknown) => propertyKey(String(name)));
  /** A JSDoc block from database text, indented by `indent` spaces; nothing for null. */
  env.registerHelper('doc', (text: unknown, indent: unknown) =>
    docComment(typeof text === 'string' ? text : null, ' '.repeat(typeof indent === 'number' ? indent : 0)),
  );
  /** Whether a string starts with a prefix. */
  env.registerHelper('startsWith', (text: unknown, prefix: unknown) => String(text).startsWith(String(prefix)));
  /** `n` spaces. */
  env.registerHelper('spaces', (count: unknown) => ' '.repeat(typeof count === 'number' ? count : 0));
  /**
   * `{{#lines list indent}}` then `{{/lines}}`: every string of `list` on a line of its own, after
   * `indent` spaces; nothing for an empty list. It prints what `{{#each list}}` around
   * `{{{this}}}` does, without a block call per line, the bulk of a render's calls (about 92,000
   * for musicbrainz). A block with an empty body, so that its two tags, each on a line of its
   * own, are left out of the output as every block's are.
   */
  env.registerHelper('lines', (list: unknown, indent: unknown) => {
    if (!Array.isArray(list) || list.length === 0) return '';
    const pad = typeof indent === 'number' ? ' '.repeat(indent) : '';
    return `${pad}${list.join(`\n${pad}`)}\n`;
  });
  /** Prefixes every line after the first with `indent` spaces (for pre-laid-out blocks). */
  env.registerHelper('indent', (text: unknown, indent: unknown) =>
    String(text).replaceAll('\n', `\n${' '.repeat(typeof indent === 'number' ? indent : 0)}`),
  );
}
