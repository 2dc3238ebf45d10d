/**
 * JSON column types from database comments, so the type lives next to the column it describes:
 *
 *   COMMENT ON COLUMN users.settings IS 'Per-user settings. @type UserSettings from ''@app/types''';
 *   COMMENT ON COLUMN posts.meta IS '@type {Record<string, number>}';
 *
 * The type is one token, or anything inside balanced braces; `from` names the module to import
 * the type's leading identifier from (quoted or bare).
 */

import type { TypeImport } from '../model-set.js';

export type TypeTag =
  | { readonly ok: true; readonly tsType: string; readonly import: TypeImport | null }
  | { readonly ok: false; readonly problem: string };

/** Global or built-in type names: nothing to import for them. */
const GLOBAL_TYPES: ReadonlySet<string> = new Set([
  'string', 'number', 'boolean', 'null', 'unknown', 'any', 'object', 'never', 'bigint', 'undefined',
  'Record', 'Array', 'ReadonlyArray', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Exclude',
  'Extract', 'NonNullable',
]);

/** The name a type expression needs imported: its leading identifier, unless that is global. */
export function importableIdentifier(tsType: string): string | null {
  const identifier = /^\s*([A-Za-z_$][A-Za-z0-9_$]*)/.exec(tsType)?.[1] ?? null;
  return identifier === null || GLOBAL_TYPES.has(identifier) ? null : identifier;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readBraced(text: string, start: number): { value: string; end: number } | null {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '{') depth++;
    else if (char === '}') {
      depth--;
      if (depth === 0) return { value: text.slice(start + 1, i).trim(), end: i + 1 };
    }
  }
  return null;
}

/** One pattern per tag name (config has one), instead of one per commented column. */
const tagPatterns = new Map<string, RegExp>();

function tagPattern(tag: string): RegExp {
  let pattern = tagPatterns.get(tag);
  if (pattern === undefined) {
    pattern = new RegExp(`(?:^|\\s)${escapeRegExp(tag)}(?=\\s|$)`);
    tagPatterns.set(tag, pattern);
  }
  return pattern;
}

/**
 * The tag in `comment`, or null when there is none. `defaultFrom` is the module for tags that do
 * not say `from` (null: the type must be global).
 */
export function parseTypeTag(comment: string | null, tag: string, defaultFrom: string | null): TypeTag | null {
  if (comment === null || !comment.includes(tag)) return null;
  const found = tagPattern(tag).exec(comment);
  if (!found) return null;
  let rest = comment.slice(found.index + found[0].length);
  const leading = /^\s*/.exec(rest)?.[0].length ?? 0;
  rest = rest.slice(leading);
  let tsType: string;
  if (rest.startsWith('{')) {
    const braced = readBraced(rest, 0);
    if (braced === null) return { ok: false, problem: `unbalanced braces after ${tag}` };
    tsType = braced.value;
    rest = rest.slice(braced.end);
  } else {
    const token = /^\S+/.exec(rest)?.[0];
    if (token === undefined) return { ok: false, problem: `${tag} is not followed by a type` };
    tsType = token.replace(/[.,;]$/, '');
    rest = rest.slice(token.length);
  }
  if (tsType === '') return { ok: false, problem: `${tag} is not followed by a type` };

  const from = /^\s+from\s+(?:'([^']+)'|"([^"]+)"|`([^`]+)`|(\S+))/.exec(rest);
  const module = from ? (from[1] ?? from[2] ?? from[3] ?? (from[4] as string).replace(/[,;]$/, '')) : defaultFrom;
  const identifier = importableIdentifier(tsType);
  if (module === null || module === undefined) return { ok: true, tsType, import: null };
  if (identifier === null) {
    if (from) return { ok: false, problem: `cannot tell which name of '${tsType}' to import from '${module}'` };
    return { ok: true, tsType, import: null };
  }
  return { ok: true, tsType, import: { name: identifier, from: module } };
}
