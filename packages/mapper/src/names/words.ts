/**
 * Case conversion. Database identifiers arrive as snake_case, PascalCase, "quoted names" or
 * anything else; they are split into lowercase words first, so every case style derives from
 * the same words and `user_id`, `UserId` and `userID` agree.
 */

import { camelize } from 'inflection';
import { TextCache } from '../text-cache.js';

interface WordRules {
  readonly separators: RegExp;
  readonly lowerOrDigitThenUpper: RegExp;
  readonly acronymThenWord: RegExp;
}

const UNICODE_RULES: WordRules = {
  separators: /[^\p{L}\p{N}]+/u,
  lowerOrDigitThenUpper: /(?<=[\p{Ll}\p{N}])(?=\p{Lu})/u,
  acronymThenWord: /(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u,
};

/**
 * The same rules for identifiers made only of ASCII, where they split alike. Nearly every
 * identifier is ASCII, and Unicode property classes take far longer to compile (about 1 ms for
 * the three, paid by every fresh process that meets one non-snake_case name).
 */
const ASCII_RULES: WordRules = {
  separators: /[^A-Za-z0-9]+/,
  lowerOrDigitThenUpper: /(?<=[a-z0-9])(?=[A-Z])/,
  acronymThenWord: /(?<=[A-Z])(?=[A-Z][a-z])/,
};
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Shared by every run: schemas repeat the same identifiers (`id`, `created_at`,
 * `organization_id`) thousands of times. Camel and Pascal forms are keyed by the words joined
 * with `_`.
 */
const CACHE_LIMIT = 50_000;
const wordsCache = new TextCache<readonly string[]>(CACHE_LIMIT);
const camelCache = new TextCache<string>(CACHE_LIMIT);
const pascalCache = new TextCache<string>(CACHE_LIMIT);
const camelCaseCache = new TextCache<string>(CACHE_LIMIT);
const SNAKE_LOWER = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

/** Lowercase words of an identifier: `HTTPStatus_code` → [`http`, `status`, `code`]. */
export function splitWords(identifier: string): readonly string[] {
  return wordsCache.get(identifier, computeWords);
}

function computeWords(identifier: string): readonly string[] {
  if (SNAKE_LOWER.test(identifier)) return identifier.split('_');
  const rules = ASCII.test(identifier) ? ASCII_RULES : UNICODE_RULES;
  const words: string[] = [];
  for (const chunk of identifier.split(rules.separators)) {
    if (chunk === '') continue;
    for (const part of chunk.split(rules.lowerOrDigitThenUpper)) {
      for (const word of part.split(rules.acronymThenWord)) {
        if (word !== '') words.push(word.toLowerCase());
      }
    }
  }
  return words;
}

/**
 * `inflection`'s `camelize` of the words joined by `_`, without the join and the split it would
 * do again: each word after the first lowercased with its first letter in upper case, the first
 * word's first letter in lower case (camel) or upper case (Pascal). Words holding `_` or `/` (which
 * `camelize` would split on; only a configured inflection can make one) go to the library itself.
 */
function casedFromWords(words: readonly string[], joined: string, lowerFirst: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word.includes('_') || word.includes('/')) return camelize(joined, lowerFirst);
    const rest = i === 0 ? word : word.toLowerCase();
    const first = rest.charAt(0);
    parts.push((lowerFirst && i === 0 ? first.toLowerCase() : first.toUpperCase()) + rest.slice(1));
  }
  return parts.join('');
}

export function camelFromWords(words: readonly string[]): string {
  const joined = words.length === 1 ? (words[0] as string) : words.join('_');
  return camelCache.find(joined) ?? camelCache.remember(joined, casedFromWords(words, joined, true));
}

export function pascalFromWords(words: readonly string[]): string {
  const joined = words.length === 1 ? (words[0] as string) : words.join('_');
  return pascalCache.find(joined) ?? pascalCache.remember(joined, casedFromWords(words, joined, false));
}

export function kebabFromWords(words: readonly string[]): string {
  return words.join('-');
}

const camelOfIdentifier = (identifier: string): string => camelFromWords(splitWords(identifier));

export function camelCase(identifier: string): string {
  return camelCaseCache.get(identifier, camelOfIdentifier);
}

export function pascalCase(identifier: string): string {
  return pascalFromWords(splitWords(identifier));
}

export function kebabCase(identifier: string): string {
  return kebabFromWords(splitWords(identifier));
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
