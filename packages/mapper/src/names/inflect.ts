/**
 * Singular and plural forms, through the `inflection` library plus corrections.
 *
 * `inflection` (3.0.2) gets the common irregulars right (people → person, statuses → status,
 * children → child, criteria → criterion) but has rules that misfire on words a schema is likely
 * to contain: `caches` → `cach`, `cookies` → `cooky`, `analyses` → `analyasis`, `gases` → `gase`,
 * and singular words ending in `s` lose it (`census` → `censu`, `atlas` → `atla`). It also makes
 * `data` → `datum` and `media` → `medium`, which no one names a model after. The tables below fix
 * those cases; users add their own through `names.inflections` in config.
 *
 * Only the last word of a snake_case name is inflected (`credit_notes` → `credit_note`), which is
 * also what the library does, but keeps the corrections keyed on single words.
 */

import { pluralize, singularize } from 'inflection';
import { TextCache } from '../text-cache.js';

/** Words used the same in singular and plural. */
const UNCOUNTABLE: readonly string[] = [
  'data', 'metadata', 'meta', 'media', 'feedback', 'staff', 'sms', 'mms', 'gps', 'dns', 'cms', 'kudos',
  'ethos', 'cosmos', 'chaos', 'news', 'series', 'species', 'equipment', 'information', 'software',
  'hardware', 'firmware', 'middleware', 'sheep', 'fish', 'deer', 'moose', 'aircraft', 'access',
];

/** singular → plural pairs the library gets wrong in one direction or the other. */
const IRREGULAR: readonly (readonly [string, string])[] = [
  ['analysis', 'analyses'],
  ['apparatus', 'apparatuses'],
  ['atlas', 'atlases'],
  ['base', 'bases'],
  ['bias', 'biases'],
  ['cache', 'caches'],
  ['cactus', 'cacti'],
  ['census', 'censuses'],
  ['circus', 'circuses'],
  ['consensus', 'consensuses'],
  ['cookie', 'cookies'],
  ['corpus', 'corpora'],
  ['gas', 'gases'],
  ['iris', 'irises'],
  ['lens', 'lenses'],
  ['lie', 'lies'],
  ['minus', 'minuses'],
  ['nexus', 'nexuses'],
  ['niche', 'niches'],
  ['olive', 'olives'],
  ['pie', 'pies'],
  ['plus', 'pluses'],
  ['radius', 'radii'],
  ['surplus', 'surpluses'],
  ['tie', 'ties'],
  ['walrus', 'walruses'],
  ['zombie', 'zombies'],
];

/**
 * The library's answers, shared by every run: they depend only on the word (config overrides
 * are applied before the library is asked), and a schema asks about the same few hundred words
 * on every run. Bounded, like the caches in `words.ts`, for long-lived processes.
 */
const LOWERCASE_WORD = /^[a-z]+$/;
const librarySingulars = new TextCache<string>(50_000);
const libraryPlurals = new TextCache<string>(50_000);

export interface InflectionOverrides {
  readonly irregular: Readonly<Record<string, string>>;
  readonly uncountable: readonly string[];
}

/**
 * Singular/plural of names split into lowercase words (see `splitWords`); only the last word
 * changes. Memoised per instance (one instance per mapping run, as overrides come from config).
 */
export class Inflector {
  readonly #uncountable: ReadonlySet<string>;
  readonly #toPlural = new Map<string, string>();
  readonly #toSingular = new Map<string, string>();
  readonly #singularCache = new Map<string, string>();
  readonly #pluralCache = new Map<string, string>();
  readonly #singularLists = new Map<readonly string[], readonly string[]>();
  readonly #pluralLists = new Map<readonly string[], readonly string[]>();

  constructor(overrides: InflectionOverrides = { irregular: {}, uncountable: [] }) {
    this.#uncountable = new Set([...UNCOUNTABLE, ...overrides.uncountable]);
    const pairs = [...IRREGULAR, ...Object.entries(overrides.irregular)];
    for (const [singular, plural] of pairs) {
      this.#toPlural.set(singular, plural);
      this.#toPlural.set(plural, plural);
      this.#toSingular.set(plural, singular);
      this.#toSingular.set(singular, singular);
    }
  }

  /** [`credit`, `notes`] → [`credit`, `note`]. The result is shared: do not change it. */
  singularWords(words: readonly string[]): readonly string[] {
    return this.#replaceLast(this.#singularLists, words, (word) => this.singularWord(word));
  }

  /** [`credit`, `note`] → [`credit`, `notes`]. The result is shared: do not change it. */
  pluralWords(words: readonly string[]): readonly string[] {
    return this.#replaceLast(this.#pluralLists, words, (word) => this.pluralWord(word));
  }

  singularWord(word: string): string {
    const known = this.#singularCache.get(word);
    if (known !== undefined) return known;
    // The library strips a final letter from short words (`ts` → `t`, `os` → `o`); such words
    // are abbreviations far more often than plurals.
    const singular = !LOWERCASE_WORD.test(word) || word.length <= 2 || this.#uncountable.has(word)
      ? word
      : this.#toSingular.get(word) ?? librarySingulars.get(word, singularize);
    this.#singularCache.set(word, singular);
    return singular;
  }

  pluralWord(word: string): string {
    const known = this.#pluralCache.get(word);
    if (known !== undefined) return known;
    const plural = !LOWERCASE_WORD.test(word) || this.#uncountable.has(word)
      ? word
      : this.#toPlural.get(word) ?? libraryPlurals.get(word, pluralize);
    this.#pluralCache.set(word, plural);
    return plural;
  }

  /**
   * Word lists mostly come from `splitWords`, which hands out one array per identifier, so the
   * same list is inflected many times in a run (a table's name for its model, its relationships
   * and every key that points at it); the result is remembered per list, and a list whose last
   * word does not change is its own result.
   */
  #replaceLast(
    lists: Map<readonly string[], readonly string[]>,
    words: readonly string[],
    inflect: (word: string) => string,
  ): readonly string[] {
    const known = lists.get(words);
    if (known !== undefined) return known;
    let result = words;
    if (words.length > 0) {
      const last = words[words.length - 1] as string;
      const inflected = inflect(last);
      if (inflected !== last) {
        const copy = [...words];
        copy[copy.length - 1] = inflected;
        result = copy;
      }
    }
    lists.set(words, result);
    return result;
  }
}
